"""
order: fixed
"""
import multiprocessing
import queue

q = multiprocessing.Queue()
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("empty")
q.put([1, (2.5, "x"), None, True])
print(q.get())
b = multiprocessing.Queue(1)
b.put(1)
try:
    b.put(2, block=False)
except queue.Full:
    print("full")
