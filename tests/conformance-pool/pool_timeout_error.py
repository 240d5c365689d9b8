"""
order: fixed

An uncaught AsyncResult.get(timeout) timeout ends the program with exit 1
(CPython's traceback names multiprocessing.context.TimeoutError).
"""
import time
from multiprocessing import Pool


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    pool = Pool(1)
    r = pool.apply_async(nap, (0.5,))
    print("waiting")
    r.get(timeout=0.05)
