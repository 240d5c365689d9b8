# expect: 2:20: error: keyword argument repeated: end
print('x', end='', end='\n')
