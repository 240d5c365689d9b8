# Float equality is exact; close enough needs a tolerance.
a = 0.1 + 0.2
print(a == 0.3, abs(a - 0.3) < 1e-9, a > 0.3)
print(1.0 == 1, 2 ** 53 == 2.0 ** 53, 0.5 == 1 / 2)
print(float(2 ** 53) + 1 == float(2 ** 53))
print(-0.0 == 0.0, 1e16 + 1 == 1e16)
