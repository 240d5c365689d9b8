# Arguments are object references: mutation is visible, rebinding is not.
def mutate(a):
    a.append("added")
def rebind(a):
    a = ["new"]
    return a
def bump(n):
    n += 1
    return n
data = ["orig"]
mutate(data)
print(data)
r = rebind(data)
print(data, r)
x = 5
print(bump(x), x)
class Holder:
    def __init__(self):
        self.v = 1
def set_v(h, v):
    h.v = v
h = Holder()
set_v(h, 99)
print(h.v)
