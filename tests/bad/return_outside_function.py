# expect: 3:1: error: 'return' outside function
x = 1
return x
