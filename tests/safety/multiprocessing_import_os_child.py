# refuse: check
# A forbidden call inside a child process is still forbidden.
from multiprocessing import Process
import os
def child():
    os.system("touch pwned")
print("started")
if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    p.join()
print("ESCAPED")
