"""
order: fixed

A task queued behind a long one on a one-worker executor can be cancelled
(cancel() True, then cancelled(), done(), result() raising CancelledError,
its callbacks run); the running one and a finished one cannot.
"""
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, CancelledError


def nap(s):
    time.sleep(s)
    return s


def note(f):
    print("callback: cancelled", f.cancelled(), "done", f.done())


if __name__ == "__main__":
    for kind in [ThreadPoolExecutor, ProcessPoolExecutor]:
        with kind(max_workers=1) as ex:
            first = ex.submit(nap, 0.5)
            others = [ex.submit(nap, 0.01 * i) for i in range(5)]
            last = others[4]
            last.add_done_callback(note)
            time.sleep(0.2)
            print("running", first.running(), "cancel running:", first.cancel())
            print("cancel queued:", last.cancel())
            print("again:", last.cancel())
            print("cancelled", last.cancelled(), "done", last.done(), "running", last.running())
            try:
                last.result()
            except CancelledError as e:
                print("result raised", type(e).__name__, repr(str(e)))
            try:
                last.exception(timeout=1)
            except CancelledError:
                print("exception raised CancelledError")
            print("first", first.result(), first.cancel(), first.cancelled())
        print([f.result() for f in others[:4]])
        print("finished cancel:", others[0].cancel())
