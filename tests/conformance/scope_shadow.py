# A local name shadows a global of the same name.
x = "global"
def f():
    x = "local"
    return x
def g():
    return x
print(f(), g(), x)
def param(x):
    x = x + "!"
    return x
print(param("arg"), x)
def h():
    y = 1
    def inner():
        y = 2
        return y
    return inner(), y
print(h())
