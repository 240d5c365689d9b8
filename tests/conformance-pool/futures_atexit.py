"""
order: free

Executors that are never shut down still run their queued tasks when the
program ends, as CPython's do (threading's atexit hook joins their
workers); also after shutdown(wait=False).
"""
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def nap(s):
    time.sleep(s)
    print("thread task", s, flush=True)
    return s


def pnap(s):
    time.sleep(s)
    print("process task", s, flush=True)
    return s


if __name__ == "__main__":
    tp = ThreadPoolExecutor(max_workers=1)
    for s in [0.2, 0.3, 0.4]:
        tp.submit(nap, s)
    pp = ProcessPoolExecutor(max_workers=1)
    for s in [0.1, 0.15, 0.25]:
        pp.submit(pnap, s)
    late = ThreadPoolExecutor(max_workers=2)
    for s in [0.1, 0.11, 0.12]:
        late.submit(nap, s)
    late.shutdown(wait=False)
    print("main ends", flush=True)
