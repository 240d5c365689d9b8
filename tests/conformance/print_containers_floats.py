# Containers print their items with repr, floats included.
inf = 1e308 * 10
print([0.1, 1e16, -0.0, 1e-5, inf, 2.0, 1 / 3])
print((0.5,), [[1.5], (2.25, "x")], ["a\nb", "it's"])
print([None, True, "", " "])
print(str([1.0, 2]), repr((3.0,)))
