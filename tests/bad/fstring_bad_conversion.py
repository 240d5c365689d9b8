# expect: 3:12: error: f-string: invalid conversion character: expected 's', 'r', or 'a'
x = 1
print(f'{x!q}')
