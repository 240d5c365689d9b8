# Floats at the extremes: overflow to inf, underflow to zero, inf in // and %.
inf = float("inf")
print(float("1e400"), float("-1e-400"), 5e-324 / 2, repr(1e-310))
print(7 % inf, -7 % inf, 7 // inf, -7 // inf, inf // 1, inf % 2)
print(-7 // 0.5, 7.5 % -0.5, 1e300 * 1e10 - 1e308 * 10)
print(2 ** -1074, 2.0 ** 1023, 1e15 + 0.3, str(1.0e-4), str(1.0e-3))
