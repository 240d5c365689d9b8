# Closures three levels deep, and closures over parameters and loop results.
def a(x):
    def b(y):
        def c(z):
            return x * 100 + y * 10 + z
        return c
    return b
print(a(1)(2)(3), a(9)(0)(9))
def make_adders(n):
    adders = []
    for i in range(n):
        def make(k):
            def add(v):
                return v + k
            return add
        adders.append(make(i))
    return adders
print([f(10) for f in make_adders(4)])
def compose(f, g):
    def h(x):
        return f(g(x))
    return h
def inc(x):
    return x + 1
def dbl(x):
    return x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose(compose(inc, inc), dbl)(1))
