# len() of strings, lists, tuples and ranges.
print(len(""), len("abc"), len("héé"), len("日本"))
print(len([]), len([1, [2, 3]]), len(()), len((1,)), len((1, 2, 3)))
print(len(range(10)), len(range(2, 10, 3)), len(range(10, 0, -1)), len(range(5, 5)))
a = [0] * 7
print(len(a), len(a[2:]), len(a[::2]))
a.append(1)
print(len(a))
