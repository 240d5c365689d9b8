# expect: 2:1: error: decorators ('@') are not supported in lesson scripts
@staticmethod
def f():
    pass
