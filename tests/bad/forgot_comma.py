# expect: 2:10: error: invalid syntax. Perhaps you forgot a comma?
xs = [1, 2 3]
