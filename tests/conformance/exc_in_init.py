# An exception in __init__ propagates to the caller; no object is bound.
class Positive:
    def __init__(self, v):
        if v <= 0:
            raise ValueError(f"{v} is not positive")
        self.v = v
p = Positive(3)
print(p.v)
try:
    q = Positive(-2)
    print("not reached")
except ValueError as e:
    print("rejected:", e)
objs = []
for v in [1, 0, 2, -1, 3]:
    try:
        objs.append(Positive(v))
    except ValueError:
        pass
print([o.v for o in objs])
