# expect: 3:1: error: 'match' is not supported in lesson scripts
x = 1
match x:
    case 1:
        pass
