# expect: 2:8: error: 'input' is not available: lesson scripts cannot reach files, commands or the interpreter
name = input('name? ')
