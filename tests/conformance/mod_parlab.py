# The parlab module: work() burns CPU, pause() is silent without a UI.
from parlab import work, pause
import time
import parlab
t0 = time.perf_counter()
work(0.05)
elapsed = time.perf_counter() - t0
print(elapsed >= 0.04, elapsed < 5)
print(pause("a checkpoint"), parlab.pause("another"))
try:
    work(-1)
except ValueError as e:
    print("ValueError caught")
print("done")
