# Nested functions read the enclosing scope; closures keep it alive.
def outer(x):
    def inner(y):
        return x + y
    return inner
add5 = outer(5)
add10 = outer(10)
print(add5(1), add10(1), outer(0)(0))
def counter():
    count = [0]
    def step():
        count[0] += 1
        return count[0]
    return step
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())
def late():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return [f() for f in fs]
print(late())
def bound():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return [f() for f in fs]
print(bound())
def scale(factor):
    def by(values):
        return [v * factor for v in values]
    return by
print(scale(3)([1, 2]))
