# Functions are values: passed, stored in lists, returned.
def square(x):
    return x * x
def negate(x):
    return -x
def apply_all(funcs, v):
    return [f(v) for f in funcs]
def twice(f, v):
    return f(f(v))
print(apply_all([square, negate, abs], -3))
print(twice(square, 3), twice(negate, 7))
ops = [square, negate]
print(ops[0](5), ops[1](5))
alias = square
print(alias(9), alias is square)
def pick(kind):
    if kind == "sq":
        return square
    return negate
print(pick("sq")(4), pick("neg")(4))
