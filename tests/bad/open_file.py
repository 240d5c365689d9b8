# expect: 2:6: error: 'open' is not available: lesson scripts cannot reach files, commands or the interpreter
with open('notes.txt') as f:
    pass
