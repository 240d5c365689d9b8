# break and continue affect only the innermost loop.
for i in range(4):
    for j in range(4):
        if j > i:
            break
        if j == 1:
            continue
        print(i, j)
    print("row", i, "done")
count = 0
i = 0
while i < 3:
    for k in range(5):
        if k == 2:
            break
        count += 1
    i += 1
print(count)
