"""
order: fixed
"""
import queue

q = queue.Queue(maxsize=2)
q.put("a")
q.put_nowait("b")
print(q.full(), q.qsize())
try:
    q.put("c", timeout=0.05)
except queue.Full:
    print("full after timeout")
try:
    q.put_nowait("c")
except queue.Full:
    print("full at once")
print(q.get(), q.get_nowait())
try:
    q.get(block=False)
except queue.Empty:
    print("empty at once")
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("empty after timeout")
print(q.empty())
