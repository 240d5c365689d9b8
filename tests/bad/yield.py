# expect: 3:5: error: 'yield' is not supported in lesson scripts
def gen():
    yield 1
