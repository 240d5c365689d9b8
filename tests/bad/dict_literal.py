# expect: 2:5: error: dict literals are not supported in lesson scripts
d = {'a': 1}
