# An assert without a message: the last line is just AssertionError.
values = [1, 2, 3]
print(len(values))
assert len(values) == 4
