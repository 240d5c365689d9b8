"""
order: fixed
"""
from multiprocessing import Pool

tag = "unset"


def setup(prefix, n):
    global tag
    tag = prefix * n


def read(x):
    return f"{tag}{x}"


if __name__ == "__main__":
    with Pool(2, setup, ("ab", 2)) as pool:
        print(pool.map(read, range(4)))
    with Pool(processes=2, initializer=setup, initargs=("z", 1)) as pool:
        print(pool.apply(read, (9,)))
    print(tag)
