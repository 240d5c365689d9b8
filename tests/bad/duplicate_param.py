# expect: 2:13: error: duplicate argument 'a' in function definition
def f(a, b, a):
    return a
