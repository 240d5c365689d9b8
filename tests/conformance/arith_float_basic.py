# Float arithmetic and the shortest repr of its results.
a = 1.5
b = 0.25
print(a + b, a - b, a * b, a / b)
print(0.1 + 0.2, 0.1 * 3, 1.1 * 1.1)
print(3.0 - 1.0, 2.5 * 4, 100.0 / 3)
print(-a, -b - a)
print(1e3, 2.5e-3, 1.0e10)
print(0.1 + 0.7, 1 - 0.9)
