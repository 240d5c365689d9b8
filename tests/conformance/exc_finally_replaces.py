# An exception raised in finally replaces the one in flight.
def f():
    try:
        raise ValueError("original")
    finally:
        raise TypeError("from finally")
try:
    f()
except ValueError as e:
    print("ValueError", e)
except TypeError as e:
    print("TypeError", e)
def g():
    try:
        return "value"
    finally:
        print("g finally runs")
print(g())
