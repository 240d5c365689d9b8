"""
order: fixed

result() of a cancelled future raises concurrent.futures.CancelledError;
uncaught, it ends the program with exit 1 (the traceback names the class
concurrent.futures._base.CancelledError).
"""
import time
from concurrent.futures import ThreadPoolExecutor


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    ex = ThreadPoolExecutor(1)
    a = ex.submit(nap, 0.3)
    b = ex.submit(nap, 0)
    print(b.cancel(), a.cancel())
    ex.shutdown()
    print(a.result())
    print(b.result())
