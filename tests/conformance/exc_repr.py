# repr of exception objects.
class Custom(Exception):
    pass
for e in [ValueError("bad"), ZeroDivisionError("division by zero"), Custom("x", 1), RuntimeError(), Exception(3)]:
    print(repr(e))
try:
    [].pop()
except IndexError as e:
    print(repr(e), [e])
