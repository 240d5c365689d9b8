# expect: 2:7: error: 'lambda' is not supported in lesson scripts
key = lambda x: x
