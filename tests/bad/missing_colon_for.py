# expect: 2:18: error: expected ':'
for i in range(3)
    print(i)
