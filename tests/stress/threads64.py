"""
order: fixed
"""
import queue
import threading

N_PROD = 32
N_CONS = 32
PER = 200
jobs = queue.Queue(maxsize=50)
got = []
got_lock = threading.Lock()
counter = 0
counter_lock = threading.Lock()


def produce(base):
    global counter
    for i in range(PER):
        jobs.put(base * PER + i)
        with counter_lock:
            counter += 1


def consume():
    mine = []
    while True:
        item = jobs.get()
        if item is None:
            break
        mine.append(item)
    with got_lock:
        got.extend(mine)


cons = [threading.Thread(target=consume) for i in range(N_CONS)]
prods = [threading.Thread(target=produce, args=(i,)) for i in range(N_PROD)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
for t in cons:
    jobs.put(None)
for t in cons:
    t.join()
print("items", len(got))
print("exactly once:", sorted(got) == list(range(N_PROD * PER)))
print("counter", counter)
