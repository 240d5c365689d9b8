# Swapping with tuple assignment; the right side is evaluated first.
a = 1
b = 2
a, b = b, a
print(a, b)
x, y, z = 1, 2, 3
x, y, z = z, x, y
print(x, y, z)
nums = [5, 6, 7]
nums[0], nums[2] = nums[2], nums[0]
print(nums)
f0, f1 = 0, 1
for i in range(10):
    f0, f1 = f1, f0 + f1
print(f0, f1)
