# refuse: any
# A runaway number of threads must hit the worker cap with a clear message.
from threading import Thread
import time
def idle():
    time.sleep(3)
print("started")
ts = []
for i in range(2000):
    t = Thread(target=idle)
    t.start()
    ts.append(t)
print("ESCAPED")
