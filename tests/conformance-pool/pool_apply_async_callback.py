"""
order: free
"""
import os
import threading
from multiprocessing import Pool

parent = os.getpid()
seen = []


def cube(x):
    return x * x * x


def collect(value):
    # runs in the parent, on the pool's result-handler thread
    where = "parent" if os.getpid() == parent else "child"
    main = threading.current_thread().name == "MainThread"
    seen.append(value)
    print(f"callback {value} in {where}, main thread: {main}")


if __name__ == "__main__":
    pool = Pool(processes=3)
    results = [pool.apply_async(cube, (n,), callback=collect) for n in range(8)]
    print([r.get(timeout=10) for r in results])
    pool.close()
    pool.join()
    print(sorted(seen))
    print(all([r.ready() and r.successful() for r in results]))
