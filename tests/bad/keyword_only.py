# expect: 2:10: error: keyword-only parameters ('*') are not supported in lesson scripts
def f(a, *, b):
    pass
