# int() and float() conversions.
print(int(3.9), int(-3.9), int(0.5), int(-0.5), int(7), int(True))
print(int("42"), int("-17"), int("  8  "), int("+5"), int("007"))
print(float("2.5"), float("-1e3"), float(" 3 "), float(7), float("10.5"))
print(float(int("12")), int(float("12.75")))
print(int(1e15), int(2.0 ** 40))
print(float("1e-5"), float(".5"), float("5."))
print(int(), float())
