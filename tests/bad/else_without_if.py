# expect: 3:1: error: invalid syntax
x = 1
else:
    pass
