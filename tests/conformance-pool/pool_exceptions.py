"""
order: fixed
"""
from multiprocessing import Pool


class Custom(Exception):
    pass


def fail(kind):
    if kind == "value":
        raise ValueError("no good value")
    if kind == "custom":
        raise Custom("mine", 42)
    if kind == "zero":
        return 1 // 0
    return kind


errors = []


def on_error(e):
    errors.append(type(e).__name__)


if __name__ == "__main__":
    with Pool(2) as pool:
        for kind in ["value", "custom", "zero", "fine"]:
            r = pool.apply_async(fail, (kind,), error_callback=on_error)
            try:
                print("got", r.get())
                print("successful:", r.successful())
            except ValueError as e:
                print("ValueError:", e, r.successful())
            except Custom as e:
                print("Custom:", e.args)
            except ZeroDivisionError as e:
                print("ZeroDivisionError:", e)
        try:
            pool.map(fail, ["fine", "value", "fine"])
        except ValueError as e:
            print("map raised ValueError:", e)
    print(errors)
