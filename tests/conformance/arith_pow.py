# Powers: int results for non-negative exponents, float for negative ones.
print(2 ** 10, 3 ** 4, (-2) ** 3, (-2) ** 4)
print(-2 ** 2, (-2) ** 2)
print(0 ** 0, 5 ** 0, 1 ** 100)
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -1, 4 ** -2)
print(2 ** 3 ** 2)
print(2.0 ** 3, 2 ** 0.5, 9 ** 0.5, 0.5 ** 2)
print(2 ** 62)
print(1.5 ** -2)
