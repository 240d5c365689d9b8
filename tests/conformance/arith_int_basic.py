# Integer +, -, * on small, negative and large (but 64-bit safe) values.
a = 17
b = -5
print(a + b, a - b, a * b)
print(b + b, b - a, b * b)
print(0 * -3, -0, 1 - 1)
big = 3000000000
print(big * 3, big + big, big - 3 * big)
print(123456789 * 1000, -987654321 * 9)
x = 7
x = x * x - x + 1
print(x)
print(1 + 2 * 3 - 4, (1 + 2) * (3 - 4))
