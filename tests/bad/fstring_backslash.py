# expect: 2:11: error: f-string expression part cannot include a backslash
print(f'{"\n".join([])}')
