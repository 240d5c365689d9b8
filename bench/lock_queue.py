# Lock-and-queue heavy: four producer/consumer pairs of threads pass 20000
# items each through bounded queues, every step under a shared lock (parlab
# records every lock, queue and GIL event while it runs).
import queue
import threading

N = 20000
guard = threading.Lock()
totals = [0, 0, 0, 0]


def produce(q):
    for i in range(N):
        with guard:
            pass
        q.put(i)
    q.put(-1)


def consume(q, k):
    s = 0
    while True:
        item = q.get()
        if item < 0:
            break
        with guard:
            s += item
    totals[k] = s


ts = []
for k in range(4):
    q = queue.Queue(maxsize=100)
    ts.append(threading.Thread(target=produce, args=(q,)))
    ts.append(threading.Thread(target=consume, args=(q, k)))
for t in ts:
    t.start()
for t in ts:
    t.join()
print(totals, sum(totals))
