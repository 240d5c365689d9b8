# The sign of a % b follows b, and (a // b) * b + a % b == a.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (9, 3), (-9, 3), (0, 4), (3, 10), (-3, 10)]
for a, b in pairs:
    q = a // b
    r = a % b
    print(a, b, q, r, q * b + r == a)
print(-1 % 5, 1 % -5, -13 % 4)
