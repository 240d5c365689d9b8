"""
order: fixed
"""
import time
import concurrent.futures as cf


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    with cf.ThreadPoolExecutor(max_workers=4) as ex:
        fs = [ex.submit(nap, s) for s in [0.3, 0.1, 0.2]]
        print([f.result() for f in cf.as_completed(fs)])
    with cf.ProcessPoolExecutor(max_workers=3) as ex:
        fs = [ex.submit(nap, s) for s in [0.4, 0.05, 0.2]]
        order = []
        for f in cf.as_completed(fs):
            order.append(f.result())
        print(order)
        done = [ex.submit(nap, 0) for i in range(5)]
        print(len(list(cf.as_completed(done + done))))
