# expect: 4:1: error: cannot assign to function call here. Maybe you meant '==' instead of '='?
def f():
    return 1
f() = 2
