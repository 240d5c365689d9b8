# if/while test the truth of any value.
def check(v):
    if v:
        return "truthy"
    else:
        return "falsy"
values = [0, 7, -2, 0.0, 1e-300, "", " ", "0", [], [[]], (), (None,), None, True, False, range(0), range(3)]
for v in values:
    print(repr(v), check(v))
class Thing:
    pass
print(check(Thing()))
n = 3
while n:
    n -= 1
print(n)
