"""
order: fixed

Pool(maxtasksperchild=N): a worker ends after N tasks (a map chunk is one
task) and a new process takes its place, so the pids change; the results
are unaffected; close()/join() and terminate() still end every worker.
"""
import os
import time
from multiprocessing import Pool, current_process


def whoami(x):
    time.sleep(0.01)
    return (x, os.getpid())


def name(x):
    return current_process().name


def distinct(values):
    seen = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return seen


if __name__ == "__main__":
    with Pool(1, maxtasksperchild=1) as pool:
        out = pool.map(whoami, range(4), chunksize=1)
        print([x for x, pid in out])
        pids = [pid for x, pid in out]
        print(len(distinct(pids)), os.getpid() not in pids)
    with Pool(2, maxtasksperchild=2) as pool:
        out = [pool.apply_async(whoami, (i,)) for i in range(8)]
        pids = [r.get()[1] for r in out]
        print(len(distinct(pids)) >= 4)
    with Pool(1, maxtasksperchild=3) as pool:
        out = pool.map(whoami, range(6), chunksize=1)
        pids = [pid for x, pid in out]
        print(len(distinct(pids)), pids[0] == pids[2], pids[2] != pids[3], pids[3] == pids[5])
        names = list(pool.imap(name, range(4)))
        print(names[0] == names[2], names[2] != names[3], names[3].startswith("ForkPoolWorker-"))
        print(pool.map(whoami, range(5), chunksize=5)[4][0])
    pool = Pool(2, maxtasksperchild=1)
    print(sorted(pool.map(abs, range(-5, 5))))
    pool.close()
    pool.join()
    try:
        Pool(2, maxtasksperchild=0)
    except ValueError as e:
        print("ValueError:", e)
