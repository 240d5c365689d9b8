# expect: 4:5: error: 'break' outside loop
x = 1
if x:
    break
