# More float reprs: products, sums and near-integers.
print(3.14159, 2 ** 0.5, 1.1 + 2.2, 3.3 * 3, 0.7 + 0.1, 4.35 * 100)
print(1.5e300 * 1.5e10, 1e-7, 1.5e-7, 0.000123, 1234567890123.0)
print(12345678901234567890.0, 0.1 * 0.1)
print(100 * 1.1, 1e100, 2e-10, 4.0 / 3)
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0)
