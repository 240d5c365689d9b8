"""
order: fixed
"""
from multiprocessing import Process

data = [1, 2, 3]


def change(tag):
    data.append(tag)
    print("child sees", data, flush=True)


if __name__ == "__main__":
    p = Process(target=change, args=("x",))
    p.start()
    p.join()
    q = Process(target=change, args=("y",))
    q.start()
    q.join()
    print("parent sees", data)
