# Recursion close to (but under) CPython's default limit of 1000 frames.
def down(n):
    if n == 0:
        return "bottom"
    return down(n - 1)
print(down(950))
def count(n, acc):
    if n == 0:
        return acc
    return count(n - 1, acc + n)
print(count(900, 0))
