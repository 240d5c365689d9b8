# expect: 2:7: error: '*args' parameters are not supported in lesson scripts
def f(*args):
    pass
