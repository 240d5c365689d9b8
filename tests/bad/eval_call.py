# expect: 2:5: error: 'eval' is not available: lesson scripts cannot reach files, commands or the interpreter
x = eval('1 + 1')
