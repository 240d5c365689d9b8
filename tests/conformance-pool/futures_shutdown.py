"""
order: fixed

shutdown(wait=False, cancel_futures=True) cancels what no worker has
taken and lets the running task finish; no submit after shutdown.
"""
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    for kind in [ThreadPoolExecutor, ProcessPoolExecutor]:
        ex = kind(max_workers=1)
        first = ex.submit(nap, 0.4)
        time.sleep(0.1)
        rest = [ex.submit(nap, 0.01) for i in range(6)]
        ex.shutdown(wait=False, cancel_futures=True)
        print(kind.__name__, "shut down")
        print("first:", first.result(), first.cancelled())
        print("cancelled:", [f.cancelled() for f in rest[3:]])
        try:
            ex.submit(nap, 0)
        except RuntimeError as e:
            print("RuntimeError:", e)
        ex.shutdown()
    ex = ThreadPoolExecutor(max_workers=1)
    fs = [ex.submit(nap, 0.05) for i in range(4)]
    ex.shutdown(wait=True, cancel_futures=False)
    print([f.result() for f in fs], [f.cancelled() for f in fs])
