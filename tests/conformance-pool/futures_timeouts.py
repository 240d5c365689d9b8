"""
order: fixed

Timeouts: result(timeout) and exception(timeout) raise TimeoutError;
as_completed(timeout) raises TimeoutError("N (of M) futures unfinished");
Executor.map(timeout=...) raises TimeoutError at the first late result
and cancels the calls still queued.
"""
import time
import concurrent.futures as cf
from concurrent.futures import TimeoutError


def nap(s):
    time.sleep(s)
    return s


if __name__ == "__main__":
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        f = ex.submit(nap, 0.4)
        try:
            f.result(timeout=0.05)
        except TimeoutError as e:
            print("result:", type(e).__name__, repr(str(e)), f.done())
        try:
            f.exception(0.01)
        except cf.TimeoutError:
            print("exception: TimeoutError")
        print(f.exception(), f.result(timeout=5))
        fs = [ex.submit(nap, s) for s in [0.05, 0.5, 0.6]]
        got = []
        try:
            for g in cf.as_completed(fs, timeout=0.25):
                got.append(g.result())
        except TimeoutError as e:
            print("as_completed:", e)
        print(got)
        cf.wait(fs)
    with cf.ThreadPoolExecutor(max_workers=1) as ex:
        it = ex.map(nap, [0.05, 0.5, 0.1, 0.1, 0.1], timeout=0.3)
        out = []
        try:
            for r in it:
                out.append(r)
        except TimeoutError as e:
            print("map:", type(e).__name__, repr(str(e)))
        print(out)
        print(list(it))
    with cf.ProcessPoolExecutor(max_workers=1) as ex:
        f = ex.submit(nap, 0.3)
        try:
            f.result(0.05)
        except TimeoutError:
            print("process result: TimeoutError", f.done())
        print(f.result())
        try:
            for g in cf.as_completed([f, ex.submit(nap, 0.5)], 0.1):
                print("done first:", g.result())
        except TimeoutError as e:
            print("as_completed:", e)
