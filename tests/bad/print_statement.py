# expect: 2:1: error: Missing parentheses in call to 'print'. Did you mean print(...)?
print 'hello'
