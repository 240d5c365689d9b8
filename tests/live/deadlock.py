# Two threads take two locks in opposite order, with no timeout: a real
# deadlock (CPython hangs here forever; parlab says so and stops).
import time
from threading import Thread, Lock

pan = Lock()
knife = Lock()


def cook(first, second):
    with first:
        time.sleep(0.1)
        with second:
            print("never printed")


alice = Thread(target=cook, args=(pan, knife), name="alice")
bob = Thread(target=cook, args=(knife, pan), name="bob")
alice.start()
bob.start()
alice.join()
bob.join()
