# An uncaught exception inside a with block on a lock.
from threading import Lock
guard = Lock()
with guard:
    print("holding")
with guard:
    print("again")
    items = [1]
    print(items[3])
