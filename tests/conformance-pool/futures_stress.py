"""
order: fixed
"""
import concurrent.futures as cf


def inc(x):
    return x + 1


if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=8) as ex:
        fs = [ex.submit(inc, i) for i in range(1000)]
        seen = [f.result() for f in cf.as_completed(fs)]
    print(len(seen), sorted(seen) == list(range(1, 1001)))
    with cf.ThreadPoolExecutor(max_workers=8) as ex:
        print(list(ex.map(inc, range(1000))) == list(range(1, 1001)))
