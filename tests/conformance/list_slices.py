# List slices: copies, negatives and steps.
a = [0, 1, 2, 3, 4, 5, 6, 7]
print(a[2:5], a[:3], a[5:], a[-3:], a[:-3], a[-5:-2])
print(a[::2], a[1::3], a[::-1], a[6:1:-2], a[-1:-4:-1])
print(a[10:], a[3:1], a[-100:2])
c = a[:]
c[0] = 99
print(a[0], c[0], c == a, c is a)
t = (1, 2, 3, 4)
print(t[1:3], t[::-1], t[:0])
