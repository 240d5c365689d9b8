# An uncaught unpacking error.
point = (1, 2, 3)
print("point", point)
x, y = point
