# expect: 3:10: error: expected ':'
x = 1
if x == 1
    print(x)
