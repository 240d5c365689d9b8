# Calls: recursion, small functions, keyword arguments, methods.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def add(a, b=1):
    return a + b


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n += k
        return self.n


def many_calls(n):
    t = 0
    for i in range(n):
        t = add(t, i)
        t = add(t, b=2)
    return t


def methods(n):
    c = Counter()
    for i in range(n):
        c.bump(i % 4)
    return c.n


print(fib(27))
print(many_calls(1000000))
print(methods(1000000))
