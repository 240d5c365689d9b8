# An exception unwinds through several calls, running each finally.
def c(n):
    try:
        if n > 2:
            raise ValueError("too deep: " + str(n))
        return c(n + 1)
    finally:
        print("unwind", n)
try:
    c(0)
except ValueError as e:
    print("caught", e)
def guarded(f, v):
    try:
        return f(v)
    except Exception as e:
        return "error: " + str(e)
def bad(v):
    return [v][v]
print(guarded(bad, 0), guarded(bad, 3))
