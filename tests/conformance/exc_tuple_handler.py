# One handler for several exception types.
def risky(n):
    if n == 0:
        return 1 // n
    if n == 1:
        return [][n]
    if n == 2:
        return int("x")
    return "ok"
for n in range(4):
    try:
        print(risky(n))
    except (ZeroDivisionError, IndexError) as e:
        print("arith/index:", e)
    except ValueError as e:
        print("value:", e)
