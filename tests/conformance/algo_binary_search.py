# Binary search over a sorted list.
def search(a, target):
    lo, hi = 0, len(a) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if a[mid] == target:
            return mid, steps
        elif a[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps
data = [x * 3 for x in range(100)]
for t in [0, 3, 150, 297, 298, -5, 1000]:
    print(t, search(data, t))
