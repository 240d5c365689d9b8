# x[i] op= v evaluates x and i once.
calls = []
def get_list(lst):
    calls.append("list")
    return lst
def get_idx(i):
    calls.append("idx")
    return i
data = [1, 2, 3]
get_list(data)[get_idx(2)] += 10
print(data, calls)
class C:
    def __init__(self):
        self.n = 1
def obj(o):
    calls.append("obj")
    return o
c = C()
calls = []
obj(c).n *= 5
print(c.n, calls)
