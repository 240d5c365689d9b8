# A plain CPU loop of a few million steps finishes in reasonable time.
total = 0
i = 0
while i < 1000000:
    total += i % 7
    i += 1
print(total)
acc = 0
for k in range(1000000):
    if k % 2:
        acc += k
print(acc)
