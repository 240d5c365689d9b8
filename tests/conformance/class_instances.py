# Instances keep separate state; objects live in lists and are passed around.
class Node:
    def __init__(self, value, next_node=None):
        self.value = value
        self.next = next_node
head = None
for v in [3, 2, 1]:
    head = Node(v, head)
n = head
out = []
while n is not None:
    out.append(n.value)
    n = n.next
print(out)
class Bag:
    def __init__(self):
        self.items = []
    def add(self, x):
        self.items.append(x)
b1 = Bag()
b2 = Bag()
b1.add("a")
b2.add("b")
b2.add("c")
print(b1.items, b2.items)
def fill(bag, n):
    for i in range(n):
        bag.add(i)
fill(b1, 2)
print(b1.items)
print(b1 is b2, b1 is b1, b1 == b1)
