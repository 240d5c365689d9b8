# for over lists, strings, tuples and ranges; the loop name keeps its last value.
for x in [3, 1, 2]:
    print("item", x)
for ch in "hey":
    print(ch, end=",")
print()
for v in (None, True):
    print(v)
for i in range(3):
    pass
print("after", i)
total = 0
for n in range(1, 11):
    total += n * n
print(total)
items = [1, 2, 3]
for x in items:
    x = x * 10
print(items, x)
