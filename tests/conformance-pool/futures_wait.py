"""
order: fixed

concurrent.futures.wait with each return_when, with and without a
timeout: DoneAndNotDoneFutures(done, not_done) unpacks, indexes, has
lengths and membership; an empty not_done prints as set().
"""
import time
import concurrent.futures
from concurrent.futures import wait, FIRST_COMPLETED, ALL_COMPLETED, FIRST_EXCEPTION


def nap(s):
    time.sleep(s)
    return s


def boom(s):
    time.sleep(s)
    raise ValueError("boom after " + str(s))


if __name__ == "__main__":
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
        fs = [ex.submit(nap, s) for s in [0.05, 0.6, 0.3]]
        done, not_done = wait(fs, return_when=FIRST_COMPLETED)
        print(len(done), len(not_done), [f.result() for f in done])
        print(fs[0] in done, fs[1] in done, fs[1] in not_done)
        r = wait(fs, timeout=0.1)
        print(type(r).__name__, len(r.done), len(r.not_done), len(r))
        try:
            wait(fs, return_when="SOMETIMES")
        except ValueError as e:
            print("ValueError:", e)
        r = wait(fs)
        print(len(r.done), len(r.not_done), r.not_done, bool(r.not_done), bool(r.done))
        print(sorted([f.result() for f in r.done]))
        print(r[1], r[-1], type(r[0]).__name__)
        fs = [ex.submit(nap, 0.4), ex.submit(boom, 0.1), ex.submit(nap, 0.05)]
        done, not_done = wait(fs, return_when=FIRST_EXCEPTION)
        print(len(done), len(not_done), fs[1] in done, fs[0] in not_done)
        print(sorted([repr(f.exception()) for f in done]))
        done, not_done = wait(fs, 5, ALL_COMPLETED)
        print(len(done), not_done)
        print(wait(fs, return_when="SOMETIMES").not_done)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as ex:
        fs = [ex.submit(nap, s) for s in [0.05, 0.5]]
        done, not_done = wait(fs, return_when="FIRST_COMPLETED")
        print(len(done), len(not_done))
        done, not_done = wait(fs + fs)
        print(len(done), not_done)
        done, not_done = wait([], timeout=0)
        print(done, not_done)
        fs = [ex.submit(boom, 0.05), ex.submit(nap, 0.3)]
        done, not_done = wait(fs, timeout=5, return_when=FIRST_EXCEPTION)
        print(len(done), len(not_done), type(fs[0].exception()).__name__)
