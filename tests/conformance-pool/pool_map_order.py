"""
order: fixed
"""
import time
from multiprocessing import Pool


def slow_square(x):
    # later items finish first: map must still return input order
    time.sleep(0.01 * (7 - x % 8))
    return x * x


if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(slow_square, range(16)))
        print(pool.map(slow_square, [3, 1, 2], chunksize=1))
        print(pool.map(slow_square, []))
        print(pool.starmap(max, [(2, 3), (3, 2), (10, 0)]))
