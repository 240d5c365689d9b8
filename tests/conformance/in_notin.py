# Membership in lists, tuples, strings and ranges.
nums = [3, 1, 4, 1, 5]
print(4 in nums, 2 in nums, 2 not in nums, 1.0 in nums)
print("ell" in "hello", "z" in "hello", "" in "abc", "hello" in "hell")
print((1, 2) in [(1, 2), (3, 4)], [1] in [[1], [2]])
print(3 in (1, 2, 3), "b" not in ("a", "c"))
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(None in [0, False, None])
