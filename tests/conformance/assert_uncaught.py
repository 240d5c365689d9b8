# An uncaught AssertionError with a message.
def check(x):
    assert x > 0, "x must be positive"
    return x
print(check(3))
print(check(-1))
