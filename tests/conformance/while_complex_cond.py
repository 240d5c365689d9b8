# Loop conditions combining and/or/not with comparisons.
i = 0
j = 10
while i < j and not (i == 3 and j == 7):
    i += 1
    j -= 1
print(i, j)
found = False
k = 0
while not found and k < 100:
    k += 7
    found = k % 5 == 0
print(k, found)
a = [3, 8, 1]
while a and a[-1] < 5:
    a.pop()
print(a)
