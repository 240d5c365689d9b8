# Unary minus and not.
x = 5
print(-x, - -x, -(-x), -(x - 10))
y = -2.5
print(-y, -0.0, -(0))
print(not x, not 0, not not x, not None)
print(-x ** 2, (-x) ** 2)
print(not x == 5, not (x == 5))
