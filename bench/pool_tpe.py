# Task round trip, submit -> result, one task at a time, through
# a thread pool (ThreadPoolExecutor): submit() then result().
# The task is trivial: what is measured is the machinery (queues, wake-ups,
# the GIL hand-over).
# The pool is started and warmed up first; only the round trips are timed.
# The last line, "roundtrip_us N", is the time per round trip in
# microseconds: bench/run.sh takes the best of its runs and compares the
# other lines with CPython's.
import concurrent.futures as cf
import time


def inc(x):
    return x + 1


def trips(ex, n):
    total = 0
    for i in range(n):
        total += ex.submit(inc, i).result()
    return total


if __name__ == "__main__":
    n = 4000
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        trips(ex, 50)
        t = time.perf_counter()
        total = trips(ex, n)
        d = time.perf_counter() - t
    print("ThreadPoolExecutor", n, "round trips, total", total)
    print("roundtrip_us", round(d / n * 1e6, 1))
