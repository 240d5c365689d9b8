# Builtin names can be rebound, globally and locally.
def stats(list, max=None):
    sum = 0
    for v in list:
        sum += v
    return sum, max
print(stats([1, 2, 3]), stats([4], max=9))
len = 7
print(len + 1)
def uses_local_str():
    str = "local"
    return str
print(uses_local_str(), str(5))
min = "shadow"
print(min, max([1, 5, 2]))
class Obj:
    def __init__(self):
        self.print = "attribute named print"
        self.len = 3
print(Obj().print, Obj().len)
