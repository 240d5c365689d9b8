"""
order: fixed
"""
import _thread
import time

lock = _thread.allocate_lock()
done = []


def job(n):
    with lock:
        done.append(n)


for i in range(5):
    _thread.start_new_thread(job, (i,))
while True:
    with lock:
        if len(done) == 5:
            break
    time.sleep(0.01)
print(sorted(done))
