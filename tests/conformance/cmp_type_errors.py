# Ordering across incompatible types raises TypeError, also inside containers.
def show(f):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
def a():
    return [1] < ["a"]
def b():
    return (1, 2) < (1, "x")
def c():
    return "a" >= 3
def d():
    return [1] < (1,)
def e():
    return None > None
def f():
    return [1, 2] == [1, "2"]
show(a)
show(b)
show(c)
show(d)
show(e)
show(f)
