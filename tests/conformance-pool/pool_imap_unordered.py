"""
order: free

Pool.imap_unordered: every result comes exactly once, in whatever order
the workers finish (compared as a multiset of lines).
"""
import time
from multiprocessing import Pool


def work(x):
    time.sleep(0.01 * ((x * 7) % 5))
    return x * x


if __name__ == "__main__":
    with Pool(4) as pool:
        for r in pool.imap_unordered(work, range(20)):
            print("square", r)
        for r in pool.imap_unordered(work, range(30, 45), chunksize=4):
            print("chunked", r)
