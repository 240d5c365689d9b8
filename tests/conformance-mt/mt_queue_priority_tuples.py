"""
order: fixed
"""
import queue


class Task:
    def __init__(self, name):
        self.name = name


pq = queue.PriorityQueue()
for prio, name in [(3, "c"), (1, "a"), (4, "d"), (1, "b"), (5, "e"), (9, "f"), (2, "g"), (6, "h")]:
    pq.put((prio, name))
out = []
while not pq.empty():
    out.append(pq.get())
print(out)
pq.put((2, 0, Task("two")))
pq.put((1, 1, Task("one")))
pq.put((3, 2, Task("three")))
print([pq.get()[2].name for i in range(3)])
pq.put(Task("x"))
print(pq.qsize())
try:
    pq.put(Task("y"))
except TypeError as e:
    print("TypeError:", e)
print(pq.get().name)
try:
    pq.put((1, Task("p")))
    pq.put((1, Task("q")))
except TypeError as e:
    print("TypeError:", e)
