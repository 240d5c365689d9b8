# Returning several values as a tuple.
def stats(values):
    lo = min(values)
    hi = max(values)
    return lo, hi, sum(values) / len(values)
print(stats([3, 1, 4, 1, 5]))
lo, hi, mean = stats([2, 4])
print(lo, hi, mean)
def divide(a, b):
    return a // b, a % b
q, r = divide(17, 5)
print(q, r, divide(-17, 5))
