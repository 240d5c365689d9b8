"""
order: fixed
"""
from multiprocessing import Process, Value, Lock


def add(counter, n):
    for i in range(n):
        with counter.get_lock():
            counter.value += 1


def add_float(x, guard):
    for i in range(10):
        with guard:
            x.value += 0.5


if __name__ == "__main__":
    c = Value("i", 0)
    ps = [Process(target=add, args=(c, 300)) for i in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("count", c.value)
    x = Value("d", 1.0)
    g = Lock()
    ps = [Process(target=add_float, args=(x, g)) for i in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("float", x.value)
