"""
order: fixed
"""
import queue
import threading

q = queue.Queue()
seen = []
lock = threading.Lock()


def worker():
    while True:
        item = q.get()
        with lock:
            seen.append(item)
        q.task_done()


for i in range(3):
    threading.Thread(target=worker, daemon=True).start()
for i in range(30):
    q.put(i)
q.join()
print(len(seen), sum(seen), sorted(seen) == list(range(30)))
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
