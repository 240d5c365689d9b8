# + and * build new lists.
a = [1, 2]
b = [3]
c = a + b
print(c, a, b)
print([0] * 4, [1, 2] * 2, [] * 3, [5] * 0, 2 * ["x"])
d = a
a = a + [9]
print(a, d)
print([[0]] * 2, ([1] * 3) + [2])
print((1, 2) + (3,), (0,) * 3)
