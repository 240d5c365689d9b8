# expect: 3:9: error: f-string: expecting '}'
x = 1
print(f'{x')
