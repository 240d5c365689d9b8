# abs() of ints and floats.
print(abs(-3), abs(3), abs(0), abs(-2.5), abs(2.5), abs(-0.0))
print(abs(-10 ** 15), abs(1e308 * 10 * -1))
print(abs(True), abs(-7 // 2), abs(3 - 10))
