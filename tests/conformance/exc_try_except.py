# try/except: the handler runs only when its type matches.
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "inf?"
print(safe_div(1, 2), safe_div(1, 0))
try:
    x = int("12")
    print("parsed", x)
    y = int("x12")
    print("not reached")
except ValueError as e:
    print("bad number:", e)
try:
    [1][5]
except Exception as e:
    print("generic:", e)
try:
    pass
except Exception:
    print("not reached")
print("done")
