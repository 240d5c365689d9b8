# True division always gives a float.
print(7 / 2, 6 / 3, -7 / 2, 1 / 3, 2 / 3)
print(10 / 4, -1 / 8, 0 / 5, 1 / -4)
print(7.0 / 2, 7 / 2.0, 1 / 1)
print(9 / 3 == 3, 9 / 3)
print(1 / 7)
print(22 / 7)
