"""
order: fixed
"""
# A Thread subclass that calls Thread.__init__(self, ...) by hand.
from threading import Thread
import threading
class Worker(Thread):
    def __init__(self, n):
        Thread.__init__(self, name=f"worker-{n}")
        self.n = n
        self.result = None
    def run(self):
        self.result = self.n * self.n
ws = [Worker(i) for i in range(3)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print([w.result for w in ws], [w.name for w in ws])
class Named(threading.Thread):
    def __init__(self):
        super().__init__(name="solo")
    def run(self):
        print("running in", self.name)
n = Named()
n.start()
n.join()
