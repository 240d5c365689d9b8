# zip pairs items up to the shortest input.
names = ["a", "b", "c"]
nums = [1, 2, 3, 4]
for n, v in zip(names, nums):
    print(n, v)
print(list(zip(names, nums)))
print(list(zip("ab", (1, 2), [True, False])))
print(list(zip([], [1])), list(zip(range(3))))
total = 0
for x, y in zip([1, 2, 3], [10, 20, 30]):
    total += x * y
print(total)
