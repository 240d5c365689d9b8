# expect: 2:5: error: cannot assign to literal
for 1 in range(3):
    pass
