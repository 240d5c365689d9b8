# expect: 3:5: error: 'await' is not supported in lesson scripts
def f():
    await g()
