# min and max over iterables and over several arguments, with key.
nums = [4, -2, 9, 0, 9]
print(min(nums), max(nums), min(3, 1, 2), max(3, 1, 2), min(2.5, 3), max(2, 2.5))
print(min("banana"), max("banana"), min(["pear", "apple", "fig"]), max(["pear", "apple", "fig"]))
def length(s):
    return len(s)
words = ["ccc", "a", "bb", "dd"]
print(min(words, key=length), max(words, key=length))
def neg(n):
    return -n
print(min(nums, key=neg), max(nums, key=neg))
print(max((1, "b"), (1, "a"), (0, "z")))
print(min(range(5, 10)), max([[1, 2], [1, 3]]))
print(max(1, 1.0), max(1.0, 1), min(0, -0.0))
