# expect: 2:11: error: bitwise operator '|' is not supported in lesson scripts
flags = 1 | 2
