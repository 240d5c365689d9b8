# expect: 2:11: error: f-string: single '}' is not allowed
print(f'a } b')
