# Bad format specs raise ValueError with CPython's wording.
def try_fmt(label, f):
    try:
        print(label, f())
    except ValueError as e:
        print(label, "ValueError:", e)
def a():
    return f"{'text':d}"
def b():
    return f"{2.5:d}"
def c():
    return f"{'s':.2f}"
def d():
    return f"{5:s}"
def e():
    return f"{7:,d}"
try_fmt("str d", a)
try_fmt("float d", b)
try_fmt("str f", c)
try_fmt("int s", d)
try_fmt("int ,d", e)
