# with EXPR as NAME binds what __enter__ returns; the lock is released after.
from threading import Lock, RLock
lk = Lock()
with lk as got:
    print("got", got)
print(lk.acquire(), "reacquired after with")
lk.release()
r = RLock()
with r:
    with r:
        print("RLock entered twice")
print("end")
