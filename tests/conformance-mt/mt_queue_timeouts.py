"""
order: fixed
"""
import queue
import threading
import time


class Thing:
    pass


q = queue.Queue(maxsize=1)
q.put(Thing())
try:
    q.put(Thing(), timeout=0.05)
except queue.Full:
    print("Full after timeout", q.qsize(), q.full())
try:
    q.put(Thing(), block=False)
except queue.Full:
    print("Full at once")
print(type(q.get(timeout=0.05)).__name__)
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("Empty after timeout", q.empty())
lq = queue.LifoQueue(maxsize=1)
lq.put([0])


def late_get():
    time.sleep(0.1)
    lq.get()


t = threading.Thread(target=late_get)
t.start()
lq.put([1], timeout=5)
t.join()
print(lq.get(timeout=1))
pq = queue.PriorityQueue()
try:
    pq.get_nowait()
except queue.Empty:
    print("PriorityQueue empty")
try:
    q.task_done()
    q.task_done()
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
