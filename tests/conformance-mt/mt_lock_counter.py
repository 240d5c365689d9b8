"""
order: fixed
"""
from threading import Thread, Lock

total = 0
guard = Lock()


def add(times):
    global total
    for i in range(times):
        with guard:
            total += 1


workers = [Thread(target=add, args=(2000,)) for i in range(8)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("total", total)
print("locked after", guard.locked())
