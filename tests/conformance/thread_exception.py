"""
order: fixed
"""
# An exception in a thread ends only that thread; the main thread goes on.
from threading import Thread
def bad():
    raise ValueError("thread failed")
t = Thread(target=bad)
t.start()
t.join()
print("main continues")
