# for with nested tuple targets, over enumerate(zip(...)).
names = ["x", "y", "z"]
vals = [10, 20, 30]
for i, (n, v) in enumerate(zip(names, vals)):
    print(i, n, v)
for a, b, c in [(1, 2, 3), (4, 5, 6)]:
    print(a + b + c)
pairs = [[1, "one"], [2, "two"]]
for num, word in pairs:
    print(word, num)
