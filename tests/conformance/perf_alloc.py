# Many short-lived objects: memory is reclaimed as the loop goes.
class Cell:
    def __init__(self, v):
        self.v = v
        self.row = [v] * 8
count = 0
for i in range(200000):
    c = Cell(i)
    s = str(i) + "x" * 10
    t = (i, s, c)
    count += len(t[2].row)
print(count)
keep = [Cell(i) for i in range(10000)]
print(sum([k.v for k in keep]))
