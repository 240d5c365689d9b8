"""
order: free
"""
from multiprocessing import Process
import time


def bad():
    raise KeyError("lost key")


def fine():
    time.sleep(0.05)
    print("sibling still fine", flush=True)


if __name__ == "__main__":
    a = Process(target=bad, name="breaker")
    b = Process(target=fine)
    a.start()
    b.start()
    a.join()
    b.join()
    print("exit codes", a.exitcode, b.exitcode)
