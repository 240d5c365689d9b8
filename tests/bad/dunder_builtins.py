# expect: 2:5: error: '__builtins__' is not available in lesson scripts
b = __builtins__
