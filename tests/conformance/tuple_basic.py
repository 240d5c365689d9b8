# Tuples: literals, indexing, len, concatenation, membership.
t = (1, "two", 3.0)
print(t, t[0], t[-1], len(t))
single = (5,)
empty = ()
print(single, empty, len(single), len(empty))
print(t + (4,), (0,) * 2, "two" in t)
u = 1, 2, 3
print(u, u == (1, 2, 3))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
print((1, 2) < (1, 3), max((3, 1), (2, 9)))
for item in t:
    print(item)
