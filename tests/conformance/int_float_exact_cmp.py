# int/float comparisons are exact in CPython, even past 2**53.
big = 2 ** 53 + 1
print(big == float(big), big > float(big), big - 1 == float(big))
e18 = 10 ** 18
print(e18 == 1e18, e18 + 1 == 1e18, e18 + 1 > 1e18, 1e18 < e18 + 1)
print(9007199254740993 != 9007199254740992.0, 2 ** 60 == 2.0 ** 60)
print(min(big, float(big)), max(float(big), big))
