"""
order: fixed
"""
import threading

box = threading.RLock()
depth = 0


def enter(n):
    global depth
    with box:
        depth += 1
        if n > 0:
            enter(n - 1)


t = threading.Thread(target=enter, args=(5,))
t.start()
t.join()
print("depth", depth)
print(box.acquire(), box.acquire())
box.release()
box.release()
try:
    box.release()
except RuntimeError as e:
    print("RuntimeError:", e)
