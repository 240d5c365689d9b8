# Slice corners: steps beyond bounds, starts past the end, negative steps.
s = "abcdef"
a = [0, 1, 2, 3, 4, 5]
print(s[10::-1], s[-10::], s[:-10], s[::-2], s[-2::-2], s[5:0:-1], s[5::-10])
print(a[10::-1], a[::100], a[-1:-7:-1], a[-1:-8:-1], a[2:2], a[4:2:-1])
print(s[::7], s[1:5:2], a[1:-1:3], (1, 2, 3)[::-1])
print(repr(s[3:3]), s[-1:], s[:-1:])
