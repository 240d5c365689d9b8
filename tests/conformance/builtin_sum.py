# sum of ints and floats, with a start value.
print(sum([1, 2, 3]), sum([]), sum(range(101)), sum((1.5, 2.5)))
print(sum([1, 2], 10), sum([0.5] * 10), sum([1, 0.5]))
print(sum([[1], [2, 3]], []))
print(sum([-5, 5]), sum([x * x for x in range(4)]))
print(sum([True, True, False]))
