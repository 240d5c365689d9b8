# The invariant (a // b) * b + a % b == a over a grid of signs.
bad = 0
count = 0
for a in range(-12, 13):
    for b in [-5, -3, -2, -1, 1, 2, 3, 7]:
        q = a // b
        r = a % b
        count += 1
        if q * b + r != a:
            bad += 1
        if r != 0 and (r < 0) != (b < 0):
            bad += 1
print(count, bad)
print([a // 3 for a in range(-6, 7)])
print([a % 3 for a in range(-6, 7)])
print([a % -3 for a in range(-6, 7)])
