# expect: 5:29: error: 'raise ... from' is not supported in lesson scripts
try:
    pass
except Exception as e:
    raise RuntimeError('x') from e
