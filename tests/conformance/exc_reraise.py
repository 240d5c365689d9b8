# A bare raise re-raises the exception being handled.
def risky():
    try:
        return 1 // 0
    except ZeroDivisionError:
        print("logging and re-raising")
        raise
try:
    risky()
except ZeroDivisionError as e:
    print("outer got:", e)
def convert(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("could not convert " + s)
try:
    convert("abc")
except RuntimeError as e:
    print(e)
