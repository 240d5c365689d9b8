# expect: 2:5: error: set literals are not supported in lesson scripts
s = {1, 2}
