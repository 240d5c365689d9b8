# Recursion a few hundred levels deep, well under CPython's limit.
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
def sum_list(a, i):
    if i == len(a):
        return 0
    return a[i] + sum_list(a, i + 1)
print(depth(800))
print(sum_list(list(range(500)), 0))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
