"""
order: fixed
"""
from multiprocessing import Process, Value
from threading import Thread, Lock


def bump(v, lock, n):
    for i in range(n):
        with lock:
            v.value += 1


def child(v):
    lock = Lock()
    ts = [Thread(target=bump, args=(v, lock, 100)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    v = Value("i", 0)
    p = Process(target=child, args=(v,))
    p.start()
    p.join()
    print(v.value, p.exitcode)
