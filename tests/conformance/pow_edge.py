# Powers with zero, one, negatives and floats.
print(0 ** 0, 0 ** 5, 0.0 ** 0, 1 ** -5, (-1) ** 5, (-1) ** -3)
print(2 ** -3, (-2) ** -2, 10 ** -1, 3 ** -1)
print(2.5 ** 2, 4 ** 0.5, 8 ** (1 / 3), 0.5 ** -1)
try:
    print(0 ** -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(0.0 ** -2)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
x = 3
x = x ** 3
print(x)
