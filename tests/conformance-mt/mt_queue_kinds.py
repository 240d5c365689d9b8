"""
order: fixed
"""
import queue

f = queue.Queue()
l = queue.LifoQueue()
p = queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]:
    f.put(x)
    l.put(x)
    p.put((x, "job" + str(x)))
print([f.get() for i in range(5)])
print([l.get() for i in range(5)])
print([p.get() for i in range(5)])
p.put(("b", 2.5))
p.put(("a", [1, 2]))
print(p.get(), p.get(), p.qsize())
