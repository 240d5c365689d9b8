# expect: 3:11: error: '=' in f-string fields (f'{x=}') is not supported in lesson scripts
x = 1
print(f'{x=}')
