# with on a Lock: acquired inside the block, released after, even on error.
from threading import Lock
lock = Lock()
with lock:
    print("inside", lock.locked())
print("after", lock.locked())
try:
    with lock:
        raise ValueError("boom")
except ValueError as e:
    print("caught", e, lock.locked())
print(lock.acquire(), lock.locked())
lock.release()
print(lock.locked())
