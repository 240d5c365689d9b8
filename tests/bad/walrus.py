# expect: 3:7: error: ':=' (assignment expression) is not supported in lesson scripts
xs = [1]
if (n := len(xs)) > 0:
    pass
