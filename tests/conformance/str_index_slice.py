# Indexing and slicing strings, with negatives and steps.
s = "parallel"
print(s[0], s[-1], s[3], s[-3])
print(s[1:4], s[:3], s[3:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[-1:-4:-1], s[6:1:-2])
print(repr(s[5:2]), repr(s[100:]), s[-100:2], s[2:100])
print(s[1:-1], s[-5:-2])
print(len(s[::3]), s[::3])
