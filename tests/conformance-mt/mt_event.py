"""
order: free
"""
import threading
import time

go = threading.Event()


def runner(name):
    go.wait()
    print(name + " runs\n", end="")


rs = [threading.Thread(target=runner, args=("r" + str(i),)) for i in range(4)]
for r in rs:
    r.start()
time.sleep(0.05)
print("set:", go.is_set())
go.set()
for r in rs:
    r.join()
print("after:", go.is_set())
go.clear()
print("wait with timeout:", go.wait(0.05))
