# expect: 2:5: error: invalid decimal literal
x = 3rd
