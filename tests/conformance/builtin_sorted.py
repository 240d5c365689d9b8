# sorted with key and reverse; the original is untouched.
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), data)
print(sorted(data, reverse=True))
print(sorted("hello"), sorted(("b", "a")))
def last_digit(n):
    return n % 10
print(sorted([23, 11, 45, 32, 10], key=last_digit))
print(sorted([23, 11, 45, 32, 10], key=last_digit, reverse=True))
print(sorted([3.5, -1, 2, 0.0]), sorted([]))
print(sorted([[2, 1], [1, 2], [1, 1]]))
def by_len(s):
    return len(s)
print(sorted(["ccc", "a", "bb", "zz", "b"], key=by_len))
