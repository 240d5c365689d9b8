# range with one, two and three arguments, negative steps, indexing.
print(list(range(5)), list(range(2, 7)), list(range(0, 10, 3)))
print(list(range(10, 0, -3)), list(range(-5, -1)), list(range(5, 0)), list(range(0)))
print(list(range(-2, -10, -2)))
r = range(3, 20, 4)
print(r, r[0], r[-1], r[2], len(r))
total = 0
for i in range(1, 101):
    total += i
print(total)
print(range(4), range(1, 5), range(0, 9, 2))
