"""
order: fixed
"""
from multiprocessing import Process, current_process, Queue


def grandchild(q):
    q.put(current_process().name)


def child(q):
    p = Process(target=grandchild, args=(q,))
    p.start()
    p.join()
    q.put(current_process().name)


if __name__ == "__main__":
    q = Queue()
    p = Process(target=child, args=(q,))
    p.start()
    p.join()
    print(q.get(), q.get())
