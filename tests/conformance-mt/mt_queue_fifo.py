"""
order: fixed
"""
import queue
import threading

jobs = queue.Queue()
results = queue.Queue()


def worker():
    while True:
        n = jobs.get()
        if n is None:
            break
        results.put(n * n)


ws = [threading.Thread(target=worker) for i in range(4)]
for w in ws:
    w.start()
for i in range(100):
    jobs.put(i)
for w in ws:
    jobs.put(None)
for w in ws:
    w.join()
total = 0
count = 0
while not results.empty():
    total += results.get()
    count += 1
print(count, total)
