# refuse: check
# __code__ of a function.
def f():
    return 1
print("started")
print(f.__code__)
print("ESCAPED")
