"""
order: fixed
"""
import time
from multiprocessing import Pool


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    with Pool(1) as pool:
        r = pool.apply_async(nap, (0.5,))
        try:
            r.get(timeout=0.05)
        except Exception as e:
            print(type(e).__name__, "ready:", r.ready())
        print("then:", r.get())
