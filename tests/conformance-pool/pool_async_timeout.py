"""
order: fixed

AsyncResult.get(timeout) raises multiprocessing.TimeoutError (caught by
that name) and the result is still there afterwards; starmap_async and
map_async with a chunksize; map with chunksize keeps the input order.
"""
import time
import multiprocessing
from multiprocessing import Pool, TimeoutError


def nap(s):
    time.sleep(s)
    return s


def power(a, b):
    return a ** b


if __name__ == "__main__":
    with Pool(2) as pool:
        r = pool.apply_async(nap, (0.4,))
        try:
            r.get(timeout=0.05)
        except TimeoutError as e:
            print("get:", type(e).__name__, repr(str(e)), r.ready())
        try:
            r.get(0.01)
        except multiprocessing.TimeoutError:
            print("caught as multiprocessing.TimeoutError")
        print(r.get(), r.ready(), r.successful())
        s = pool.starmap_async(power, [(2, 3), (3, 2), (5, 0), (10, 3)])
        print(s.get(timeout=5))
        m = pool.map_async(nap, [0.02] * 5, chunksize=2)
        m.wait()
        print(m.ready(), m.get())
        print(pool.map(abs, range(-9, 9), chunksize=4))
        print(pool.starmap(power, [(i, 2) for i in range(10)], chunksize=3))
