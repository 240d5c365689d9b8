"""
order: fixed
"""
from multiprocessing import Pool, Process, current_process


def whoami(x):
    return current_process().name.startswith("ForkPoolWorker-")


def nothing():
    pass


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(whoami, range(4)))
    p = Process(target=nothing)
    print(p.name)
    p.start()
    p.join()
