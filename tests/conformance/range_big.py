# Ranges with large bounds are lazy.
r = range(0, 10 ** 18, 7)
print(len(r), r[-1], r[5], 14 in r, 15 in r)
print(len(range(-10 ** 17, 10 ** 17, 10 ** 15)))
total = 0
for i in range(10 ** 15, 10 ** 15 + 5):
    total += i
print(total)
