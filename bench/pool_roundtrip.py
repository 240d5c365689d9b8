# Task round trip, submit -> result, one task at a time, through a process
# pool (ProcessPoolExecutor, multiprocessing.Pool) and a thread pool
# (ThreadPoolExecutor).  The task is trivial: what is measured is the
# machinery (queues, wake-ups, the result handler, the GIL hand-over).
# Prints only results, so parlab's output can be compared with CPython's;
# bench/run.sh times the whole run (pools started once, 2,000 round trips
# each; start-up is a few percent of it).
import concurrent.futures as cf
from multiprocessing import Pool


def inc(x):
    return x + 1


def executor_trips(ex, n):
    total = 0
    for i in range(n):
        total += ex.submit(inc, i).result()
    return total


def pool_trips(pool, n):
    total = 0
    for i in range(n):
        total += pool.apply_async(inc, (i,)).get()
    return total


if __name__ == "__main__":
    n = 2000
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        print("ProcessPoolExecutor", executor_trips(ex, n))
    with Pool(2) as pool:
        print("Pool.apply_async", pool_trips(pool, n))
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        print("ThreadPoolExecutor", executor_trips(ex, n))
