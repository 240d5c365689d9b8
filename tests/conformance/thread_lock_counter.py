"""
order: fixed
"""
# A lock makes read-modify-write safe: the total is exact.
from threading import Thread, Lock
counter = 0
lock = Lock()
def add(n):
    global counter
    for i in range(n):
        with lock:
            counter += 1
ts = [Thread(target=add, args=(2000,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
