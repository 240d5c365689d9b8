"""
order: fixed
"""
from multiprocessing import Process, Queue, Lock, Value

PER = 300


def produce(q, base, total, guard):
    for i in range(PER):
        q.put(base * PER + i)
        with guard:
            total.value += 1


def consume(q, out):
    while True:
        item = q.get()
        if item is None:
            break
        out.put(item)
    out.put(None)


if __name__ == "__main__":
    q = Queue()
    out = Queue()
    total = Value("i", 0)
    guard = Lock()
    prods = [Process(target=produce, args=(q, i, total, guard)) for i in range(8)]
    cons = [Process(target=consume, args=(q, out)) for i in range(7)]
    for p in prods + cons:
        p.start()
    for p in prods:
        p.join()
    for c in cons:
        q.put(None)
    got = []
    ended = 0
    while ended < len(cons):
        item = out.get()
        if item is None:
            ended += 1
        else:
            got.append(item)
    for c in cons:
        c.join()
    print("items", len(got))
    print("exactly once:", sorted(got) == list(range(8 * PER)))
    print("counter", total.value)
    print("exit codes", [p.exitcode for p in prods + cons])
