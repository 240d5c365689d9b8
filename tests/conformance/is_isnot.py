# Identity: is / is not.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, b is not a)
n = None
five = 5
print(n is None, n is not None, five is not None)
def nothing():
    pass
print(nothing() is None)
print(True is True, False is not True)
b.append(3)
print(a, c)
