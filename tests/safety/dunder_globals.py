# refuse: check
# A function's __globals__ leads to __builtins__.
def f():
    pass
print("started")
b = f.__globals__["__builtins__"]
print("ESCAPED")
