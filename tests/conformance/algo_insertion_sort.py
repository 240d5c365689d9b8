# Insertion sort using insert and index-free scanning.
def insertion(items):
    out = []
    for x in items:
        i = 0
        while i < len(out) and out[i] <= x:
            i += 1
        out.insert(i, x)
    return out
print(insertion([5, 3, 8, 1, 9, 2, 2]))
print(insertion(["pear", "apple", "fig"]))
print(insertion([]) == [], insertion([1.5, -2, 0]))
