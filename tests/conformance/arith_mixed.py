# int and float mixed: the result is a float.
print(1 + 2.0, 3 * 0.5, 10 - 0.5, 7 // 2.0, 7 % 2.5)
print(-7 // 2.0, -7 % 2.0, 7.5 // -2, 7.5 % -2)
print(2 * 3.0 == 6, 5 - 5.0)
x = 3
x += 0.5
print(x)
n = 10
print(n / 4 + n // 4)
