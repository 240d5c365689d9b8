"""
order: fixed
"""
from multiprocessing import Process, Queue


def worker(tasks, results):
    while True:
        t = tasks.get()
        if t is None:
            break
        results.put((t, t * 3, str(t)))


if __name__ == "__main__":
    tasks = Queue()
    results = Queue()
    ws = [Process(target=worker, args=(tasks, results)) for i in range(3)]
    for w in ws:
        w.start()
    for i in range(60):
        tasks.put(i)
    for w in ws:
        tasks.put(None)
    got = [results.get() for i in range(60)]
    for w in ws:
        w.join()
    got = sorted(got)
    print(len(got), got[0], got[-1], sum([g[1] for g in got]))
    print(tasks.empty(), results.empty())
