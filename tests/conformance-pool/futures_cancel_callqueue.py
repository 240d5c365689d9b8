"""
order: fixed

ProcessPoolExecutor feeds its workers through a call queue of
max_workers + 1 tasks: as in CPython, those count as running and cannot be
cancelled though no worker has started them; the tasks behind them can.
A thread pool has no such queue: every task still queued can be cancelled.
"""
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        fs = [ex.submit(nap, 0.4)] + [ex.submit(nap, 0.01) for i in range(5)]
        time.sleep(0.2)
        # Where the call queue ends is a matter of timing in CPython too:
        # only the first (running) and the last (surely still pending) are
        # asked about.
        print("first running:", fs[0].running())
        print("cancel first, last:", fs[0].cancel(), fs[-1].cancel())
        print("cancelled first, last:", fs[0].cancelled(), fs[-1].cancelled())
        print(fs[0].result(), [f.result() for f in fs[1:-1] if not f.cancelled()][:1])
        later = [ex.submit(nap, 0.01) for i in range(3)]
        print([f.result() for f in later])
    with ThreadPoolExecutor(max_workers=1) as ex:
        fs = [ex.submit(nap, 0.3)] + [ex.submit(nap, 0.01) for i in range(3)]
        time.sleep(0.1)
        print("running:", [f.running() for f in fs])
        print("cancel:", [f.cancel() for f in fs])
        print([f.result() for f in fs[:1]], [f.done() for f in fs])
