# expect: 4:1: error: expected 'except' or 'finally' block
try:
    x = 1
print(x)
