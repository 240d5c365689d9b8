# Floor division rounds toward minus infinity, also for negatives.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5), (0, -5), (1, 7), (-1, 7)]
for a, b in pairs:
    print(a, "//", b, "=", a // b)
print(-9 // 4, 9 // -4, -9 // -4)
print(100 // 7, -100 // 7)
