# Iterating over a list that grows during the loop sees the new items.
items = [1, 2]
for x in items:
    if x < 4:
        items.append(x + 2)
    print(x, len(items))
print(items)
nums = [1, 2, 3, 4]
seen = []
for n in nums:
    seen.append(n)
    if n == 2:
        nums.pop()
print(seen, nums)
