"""
order: fixed
"""
from multiprocessing import Pool

got = []


def twice(x):
    return 2 * x


def keep(v):
    got.append(v)


if __name__ == "__main__":
    with Pool(8) as pool:
        rs = [pool.apply_async(twice, (i,), callback=keep) for i in range(1000)]
        values = [r.get() for r in rs]
        print(values == [2 * i for i in range(1000)])
        big = pool.map(twice, range(1000))
        print(big == values, len(big))
    print(len(got), sorted(got) == values)
