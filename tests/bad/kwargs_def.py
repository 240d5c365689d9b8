# expect: 2:7: error: '**kwargs' parameters are not supported in lesson scripts
def f(**kw):
    pass
