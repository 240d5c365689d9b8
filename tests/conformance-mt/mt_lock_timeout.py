"""
order: fixed
"""
import threading

l = threading.Lock()
print(l.acquire())
print(l.acquire(blocking=False))
print(l.acquire(timeout=0.05))
res = []


def other():
    res.append(l.acquire(timeout=0.02))


t = threading.Thread(target=other)
t.start()
t.join()
print(res)
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
