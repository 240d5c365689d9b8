"""
order: fixed
"""
from multiprocessing import Process, current_process
import os


def child(code):
    print("child", current_process().name, os.getpid() != parent, flush=True)


if __name__ == "__main__":
    parent = os.getpid()
    p = Process(target=child, args=(0,))
    q = Process(target=child, args=(1,), name="named")
    print(p.name, q.name, p.pid, p.exitcode, p.is_alive())
    p.start()
    p.join()
    q.start()
    q.join()
    print(p.exitcode, q.exitcode, p.is_alive(), p.pid is not None)
    print(current_process().name)
