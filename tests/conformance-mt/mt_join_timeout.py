"""
order: fixed
"""
import threading
import time


def slow():
    time.sleep(0.3)


t = threading.Thread(target=slow)
t.start()
t0 = time.time()
t.join(0.05)
waited = time.time() - t0
print("alive after short join:", t.is_alive(), waited < 0.25)
t.join()
print("alive after join:", t.is_alive())
