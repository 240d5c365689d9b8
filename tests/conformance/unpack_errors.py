# Wrong counts when unpacking raise ValueError.
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    x, y = "xyz"
except ValueError as e:
    print("ValueError:", e)
a, b = "ok"
print(a, b)
