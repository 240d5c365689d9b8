# Classes defined inside functions, and classes that create their own instances.
def make_counter_class(start):
    class Counter:
        def __init__(self):
            self.value = start
        def step(self):
            self.value += 1
            return self.value
    return Counter
C5 = make_counter_class(5)
a = C5()
b = C5()
print(a.step(), a.step(), b.step())
class Tree:
    def __init__(self, depth):
        self.children = []
        if depth > 0:
            self.children = [Tree(depth - 1), Tree(depth - 1)]
    def count(self):
        return 1 + sum([c.count() for c in self.children])
print(Tree(4).count())
