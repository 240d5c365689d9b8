# expect: 2:6: error: '(' was never closed
print('a',
      'b'
x = 1
