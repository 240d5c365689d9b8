# import M, import M as N, from M import a as b.
import time
import time as clock
from time import sleep, perf_counter as pc
from os import getpid
import os
a = pc()
sleep(0.01)
clock.sleep(0.01)
print(pc() - a > 0.015)
print(getpid() == os.getpid(), os.getpid() > 0)
print(time.time() <= clock.time())
