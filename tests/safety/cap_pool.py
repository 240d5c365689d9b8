# refuse: any
# A pool with hundreds of worker processes must hit the process cap.
from multiprocessing import Pool
def one(x):
    return x
if __name__ == "__main__":
    print("started")
    with Pool(400) as p:
        print(p.map(one, range(3)))
    print("ESCAPED")
