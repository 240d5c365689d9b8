# Augmented assignment on lists, strings, subscripts and attributes.
nums = [1, 2, 3]
nums[1] += 10
nums[-1] *= 7
print(nums)
items = [1]
alias = items
items += [2, 3]
print(items, alias, items is alias)
s = "ab"
s += "cd"
s *= 2
print(s)
class Box:
    def __init__(self):
        self.count = 0
b = Box()
for i in range(4):
    b.count += i
print(b.count)
grid = [[0, 0], [0, 0]]
grid[1][0] += 5
print(grid)
