# expect: 2:6: error: type annotations are not supported in lesson scripts
count: int = 0
