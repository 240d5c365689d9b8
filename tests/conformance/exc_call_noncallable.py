# Calling or indexing the wrong kind of object.
def show(f):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
def a():
    x = 5
    x()
def b():
    s = "abc"
    s[0] = "z"
def c():
    t = (1, 2)
    t[0] = 3
def d():
    n = 7
    return n[0]
def e():
    key = "1"
    return "abc"[key]
show(a)
show(b)
show(c)
show(d)
show(e)
