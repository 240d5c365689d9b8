# Floor division and modulo on floats, with negatives.
vals = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.3), (5.0, 2.5)]
for a, b in vals:
    print(a, b, a // b, a % b)
print(-0.5 // 1, -0.5 % 1)
print(6.0 % 3, -6.0 % 3)
