# while with break, continue and else.
i = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    if i == 8:
        break
    print(i)
else:
    print("never: loop was broken")
print("i =", i)
j = 0
while j < 3:
    j += 1
else:
    print("else ran, j =", j)
while True:
    j -= 1
    if j < 0:
        break
print(j)
