"""
order: fixed
"""
import threading

gate = threading.Event()


def wait_gate():
    gate.wait()


ts = [threading.Thread(target=wait_gate) for i in range(3)]
print(threading.active_count())
for t in ts:
    t.start()
print(threading.active_count())
gate.set()
for t in ts:
    t.join()
print(threading.active_count())
