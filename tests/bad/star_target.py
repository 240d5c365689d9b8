# expect: 2:8: error: '*' unpacking is not supported in lesson scripts
first, *rest = [1, 2, 3]
