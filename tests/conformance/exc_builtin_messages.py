# Messages of common built-in errors, caught and printed.
def show(label, f):
    try:
        f()
        print(label, "no error")
    except Exception as e:
        print(label, "->", e)
def a():
    return int("abc")
def b():
    return "a" + 1
def c():
    return 1 + "a"
def d():
    return len(5)
def e():
    return float("xyz")
def f():
    return [1, 2] * "3"
def g():
    return None + 1
def h():
    return 1 < "a"
def i():
    return sorted([3, "b"])
def j():
    return -"s"
def k():
    return int("3.5")
show("int", a)
show("str+int", b)
show("int+str", c)
show("len", d)
show("float", e)
show("list*str", f)
show("None+1", g)
show("int<str", h)
show("sorted", i)
show("neg str", j)
show("int float-str", k)
