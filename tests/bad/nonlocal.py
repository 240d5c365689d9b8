# expect: 5:9: error: 'nonlocal' is not supported in lesson scripts
def f():
    x = 1
    def g():
        nonlocal x
