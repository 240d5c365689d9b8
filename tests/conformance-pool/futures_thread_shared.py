"""
order: fixed
"""
import queue
import threading
import concurrent.futures as cf

box = []
guard = threading.Lock()


def push(n):
    with guard:
        box.append(n)
    return threading.current_thread().name


def drain(q):
    total = 0
    while not q.empty():
        total += q.get()
    return total


if __name__ == "__main__":
    with cf.ThreadPoolExecutor(max_workers=3) as ex:
        names = list(ex.map(push, range(20)))
    print(sorted(box) == list(range(20)))
    print(sorted(names)[0].startswith("ThreadPoolExecutor-0_"))
    q = queue.Queue()
    for n in [15, 10, 5, 2]:
        q.put(n)
    ex = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="drainer")
    print(ex.submit(drain, q).result(), ex.submit(drain, q).result())
    print(ex.submit(push, 99).result())
    ex.shutdown(wait=True)
    try:
        ex.submit(push, 1)
    except RuntimeError as e:
        print("RuntimeError:", e)
