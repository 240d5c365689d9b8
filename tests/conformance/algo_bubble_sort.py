# Bubble sort with a swap counter.
def bubble(a):
    a = a[:]
    swaps = 0
    n = len(a)
    for i in range(n):
        done = True
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swaps += 1
                done = False
        if done:
            break
    return a, swaps
data = [64, 34, 25, 12, 22, 11, 90, 5]
print(bubble(data))
print(bubble([1, 2, 3]))
print(bubble([]))
print(data)
