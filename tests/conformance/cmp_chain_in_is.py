# in, not in, is and is not take part in comparison chains.
a = [1, 2]
print(1 in a == True, (1 in a) == True, 1 in a in [a], 3 not in a != False)
n = None
x = 5
print(n is None is not x, x is not None is not n, 0 < x in [5] < [6])
print(1 < 2 in [True], 2 in a < [3])
