# insert at any position (clamped) and index of the first match.
a = [10, 20, 30]
a.insert(0, 5)
a.insert(2, 15)
a.insert(len(a), 40)
a.insert(100, 50)
a.insert(-1, 45)
a.insert(-100, 1)
print(a)
print(a.index(1), a.index(30), a.index(50))
b = ["x", "y", "x"]
print(b.index("x"), b.index("y"))
try:
    b.index("z")
except ValueError as e:
    print("ValueError:", e)
print([1, 2.0, 3].index(2))
