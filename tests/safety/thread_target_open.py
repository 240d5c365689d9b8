# refuse: check
# Passing a forbidden builtin as a thread target.
from threading import Thread
print("started")
t = Thread(target=open, args=("pwned", "w"))
t.start()
t.join()
print("ESCAPED")
