# Errors raised by builtins on bad input.
def show(label, f):
    try:
        print(label, f())
    except ValueError as e:
        print(label, "ValueError:", e)
    except TypeError as e:
        print(label, "TypeError:", e)
def a():
    return min([])
def b():
    return max([])
def c():
    return list(range(0, 5, 0))
def d():
    return int("")
def e():
    return sum(["a", "b"])
def f():
    return len(None)
def g():
    return None < 1
show("min", a)
show("max", b)
show("range", c)
show("int", d)
show("sum", e)
show("len", f)
show("cmp", g)
