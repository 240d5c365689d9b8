# bool is an int subclass: arithmetic and comparisons.
print(True + True, True * 10, False - 1)
print(True == 1, False == 0, True is True)
print(sum([True, False, True, True]))
print(True / 2, -True)
print(1 if True else 0, str(True), str(False))
print(repr(True), True and 3, False or 0)
