# enumerate over lists, strings and tuples, with start.
for i, v in enumerate(["a", "b", "c"]):
    print(i, v)
for i, ch in enumerate("xy", 1):
    print(i, ch)
for i, v in enumerate((10, 20), start=5):
    print(i, v)
print(list(enumerate("ab")))
print(list(enumerate([])))
pairs = list(enumerate(range(3), -1))
print(pairs)
