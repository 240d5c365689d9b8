# a = b = value binds every target to the same object.
a = b = 5
print(a, b)
x = y = []
x.append(1)
print(x, y, x is y)
p = q = r = "s"
print(p + q + r)
