# expect: 2:10: error: closing parenthesis ')' does not match opening parenthesis '['
x = [1, 2)
