# Unpacking tuples and lists into names.
a, b = 1, 2
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
(p, q) = "pq"
print(p, q)
first, second = (3, 4)
print(first + second)
def pair():
    return "left", "right"
l, r = pair()
print(l, r)
for n, sq in [(1, 1), (2, 4), (3, 9)]:
    print(n, sq)
i, j = range(2)
print(i, j)
