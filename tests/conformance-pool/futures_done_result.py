"""
order: fixed
"""
import time
import concurrent.futures as cf


def slow(x):
    time.sleep(0.2)
    return x + 1


if __name__ == "__main__":
    for make in [cf.ThreadPoolExecutor, cf.ProcessPoolExecutor]:
        with make(max_workers=2) as ex:
            f = ex.submit(slow, 41)
            print("done before:", f.done())
            print("result:", f.result())
            print("done after:", f.done(), "exception:", f.exception())
            g = ex.submit(slow, 1)
            try:
                g.result(timeout=0.01)
            except Exception as e:
                print(type(e).__name__, "done:", g.done())
            print("then:", g.result(timeout=5))
