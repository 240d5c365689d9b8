# Exception arguments: args tuple and str() for zero, one and several.
e0 = Exception()
e1 = Exception("one")
e2 = Exception("two", 2)
e3 = ValueError(7)
print(repr(str(e0)), e0.args)
print(str(e1), e1.args)
print(str(e2), e2.args)
print(str(e3), e3.args, e3.args[0] + 1)
try:
    raise e2
except Exception as caught:
    print(caught is e2, caught.args)
