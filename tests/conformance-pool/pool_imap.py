"""
order: fixed

Pool.imap yields in input order, whatever order the tasks finish in, with
any chunksize; imap_unordered yields each result as it completes (tasks
far apart in time finish in a known order); an exception is raised where
its item comes and the iteration goes on; next(timeout) raises
multiprocessing.TimeoutError.
"""
import time
import multiprocessing
from multiprocessing import Pool


def nap(s):
    time.sleep(s)
    return s


def inverse(x):
    return 10 // x


if __name__ == "__main__":
    with Pool(3) as pool:
        print(list(pool.imap(nap, [0.3, 0.1, 0.2, 0.0])))
        print(list(pool.imap(inverse, range(1, 8), chunksize=3)))
        print(list(pool.imap(inverse, [], chunksize=2)))
        print(list(pool.imap_unordered(nap, [0.6, 0.05, 0.3])))
        print(sorted(pool.imap_unordered(inverse, range(1, 12), 4)))
        it = pool.imap(inverse, [5, 0, 2])
        print(next(it))
        try:
            next(it)
        except ZeroDivisionError as e:
            print("ZeroDivisionError:", e)
        print(next(it))
        try:
            next(it)
        except StopIteration:
            print("StopIteration")
        it = pool.imap(nap, [0.5, 0.1])
        try:
            it.next(timeout=0.05)
        except multiprocessing.TimeoutError as e:
            print("next:", type(e).__name__, repr(str(e)))
        print(it.next(timeout=5), it.next())
        total = 0
        for x in pool.imap(inverse, range(1, 50), chunksize=7):
            total += x
        print(total)
