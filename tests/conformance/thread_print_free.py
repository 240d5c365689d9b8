"""
order: free
"""
# Several threads print under a lock; the order of lines is up to the scheduler.
from threading import Thread, Lock
out = Lock()
def say(name, count):
    for i in range(count):
        with out:
            print(f"{name} line {i}")
ts = [Thread(target=say, args=(n, 3)) for n in ["red", "green", "blue"]]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("all joined")
