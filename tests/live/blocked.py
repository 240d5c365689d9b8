# holder keeps the lock `gate` for a long time; waiter blocks on it.
import time
from threading import Thread, Lock

gate = Lock()


def holder():
    with gate:
        time.sleep(30)


def waiter():
    time.sleep(0.2)
    with gate:
        print("waiter got the gate")


h = Thread(target=holder, name="holder")
w = Thread(target=waiter, name="waiter")
h.start()
w.start()
h.join()
w.join()
