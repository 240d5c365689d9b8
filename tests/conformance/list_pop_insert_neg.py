# pop and insert with negative positions.
a = list(range(6))
print(a.pop(-2), a)
print(a.pop(-len(a)), a)
a.insert(-2, "x")
print(a)
a.insert(-len(a) - 5, "front")
print(a)
print(a.index("x"), a.index(5))
