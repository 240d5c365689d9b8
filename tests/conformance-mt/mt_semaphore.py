"""
order: fixed
"""
import threading
import time

room = threading.Semaphore(2)
count_lock = threading.Lock()
inside = 0
most = 0


def visit(i):
    global inside, most
    with room:
        with count_lock:
            inside += 1
            if inside > most:
                most = inside
        time.sleep(0.02)
        with count_lock:
            inside -= 1


ts = [threading.Thread(target=visit, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("most inside at once:", most)
print(room.acquire(blocking=False), room.acquire(blocking=False), room.acquire(blocking=False))
