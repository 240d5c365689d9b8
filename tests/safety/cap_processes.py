# refuse: any
# A runaway number of processes must hit the worker cap, leaving no process behind.
from multiprocessing import Process
import time
def idle():
    time.sleep(3)
if __name__ == "__main__":
    print("started")
    ps = []
    for i in range(300):
        p = Process(target=idle)
        p.start()
        ps.append(p)
    print("ESCAPED")
