# expect: 2:15: error: positional argument follows keyword argument
print(sep='', 'x')
