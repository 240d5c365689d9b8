"""
order: fixed
"""
import concurrent.futures as cf


def risky(n):
    if n % 3 == 0:
        raise ValueError(f"multiple of three: {n}")
    return n


if __name__ == "__main__":
    for make in [cf.ThreadPoolExecutor, cf.ProcessPoolExecutor]:
        with make(max_workers=2) as ex:
            fs = [ex.submit(risky, n) for n in range(1, 7)]
            for f in fs:
                e = f.exception()
                if e is None:
                    print("ok", f.result())
                else:
                    print("raised", type(e).__name__, e)
            try:
                fs[2].result()
            except ValueError as e:
                print("result() re-raised:", e)
            try:
                print(list(ex.map(risky, [1, 2, 3, 4])))
            except ValueError as e:
                print("map raised:", e)
