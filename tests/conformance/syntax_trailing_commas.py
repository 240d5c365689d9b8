# Trailing commas in literals, calls and definitions.
a = [1, 2, 3,]
t = (1, 2,)
def f(x, y=2,):
    return x + y
print(a, t, f(1,), f(1, y=5,))
print(sorted([3, 1,], reverse=True,))
print("{}{}".format("a", "b",))
from time import (
    sleep,
    perf_counter,
)
print("imports ok", perf_counter() > 0)
