"""
order: fixed
"""
import queue
import threading


class Job:
    def __init__(self, name, cost):
        self.name = name
        self.cost = cost


q = queue.Queue()
sent = [Job("a", 1), Job("b", 2), Job("c", 3)]


def consume(out):
    while True:
        job = q.get()
        if job is None:
            break
        out.append(job)


got = []
t = threading.Thread(target=consume, args=(got,))
t.start()
for j in sent:
    q.put(j)
q.put(None)
t.join()
print([j.name + ":" + str(j.cost) for j in got])
print([got[i] is sent[i] for i in range(3)])
print(type(got[0]).__name__)
