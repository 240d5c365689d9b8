# expect: 2:5: error: dict comprehensions are not supported in lesson scripts
d = {k: 0 for k in 'ab'}
