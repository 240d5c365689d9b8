# Conversions at the int/float boundary.
print(float(9007199254740993), int(1e18), int(-1e18))
print(int(2.9999999999999996), int(-0.9999), int(1e-300))
print(float(123), float(-0), float(2 ** 60))
print(10 / 5 * 2, 7 // 7)
print(1e3 == 1000, int("1000") == 1e3)
