# Comparison chains: a < b < c means a < b and b < c, each operand evaluated once.
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 3 > 2)
print(1 == 1 == 1, 1 == 1 != 2, 2 <= 2 < 3, 5 >= 5 >= 6)
x = 5
print(0 < x <= 5, 0 < x < 5, -1 < -x < 0)
calls = []
def val(n):
    calls.append(n)
    return n
print(val(1) < val(2) < val(3))
print(calls)
calls = []
print(val(3) < val(2) < val(10))
print(calls)
print(1 < 2 == 2 < 3 != 4)
