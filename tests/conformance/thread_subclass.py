"""
order: fixed
"""
# A Thread subclass with its own __init__ calling super().__init__ and run().
from threading import Thread
class Summer(Thread):
    def __init__(self, lo, hi):
        super().__init__()
        self.lo = lo
        self.hi = hi
        self.total = 0
    def run(self):
        for v in range(self.lo, self.hi):
            self.total += v
parts = [Summer(0, 500), Summer(500, 1000)]
for p in parts:
    p.start()
for p in parts:
    p.join()
print([p.total for p in parts], parts[0].total + parts[1].total)
print(parts[0].is_alive(), parts[1].is_alive())
