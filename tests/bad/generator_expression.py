# expect: 2:13: error: generator expressions are not supported in lesson scripts
total = sum(x * x for x in range(10))
