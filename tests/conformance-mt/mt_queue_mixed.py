"""
order: fixed
"""
import queue
import threading


def double(x):
    return 2 * x


def shout(s):
    return s.upper() + "!"


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + str(self.x) + ", " + str(self.y) + ")"


q = queue.Queue()
lq = queue.LifoQueue()
results = []


def run():
    while True:
        fn, arg = q.get()
        if fn is None:
            q.task_done()
            break
        results.append(fn(arg))
        q.task_done()


t = threading.Thread(target=run)
t.start()
q.put((double, 21))
q.put((shout, "hi"))
q.put((len, [1, 2, 3]))
q.put((None, None))
q.join()
t.join()
print(results)
for item in [double, Point(1, 2), (1, "a"), None, 3.5, [Point(3, 4)]]:
    lq.put(item)
items = [lq.get() for i in range(6)]
print(items[0], items[1], items[2], items[3], items[4])
print(items[5] is double, items[5](5))
