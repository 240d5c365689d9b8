class Bad(ValueError):
    pass
class Worse(Bad):
    def __init__(self, n):
        super().__init__("worse " + str(n))
        self.n = n
try:
    raise Worse(3)
except ValueError as e:
    print(type(e).__name__, e, e.n, isinstance(e, Bad), e.args)
try:
    raise Bad("x")
except (KeyError, Bad) as e:
    print("caught", repr(e))
