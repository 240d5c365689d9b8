# A later def rebinds the name; earlier references keep the old function.
def f():
    return "first"
keep = f
def f():
    return "second"
print(f(), keep())
def choose(flag):
    if flag:
        def g():
            return "yes"
    else:
        def g():
            return "no"
    return g()
print(choose(True), choose(False))
