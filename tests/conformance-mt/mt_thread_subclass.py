"""
order: fixed
"""
from threading import Thread, current_thread


class Summer(Thread):
    def __init__(self, n):
        Thread.__init__(self, name="summer-" + str(n))
        self.n = n
        self.result = None

    def run(self):
        self.result = sum(range(self.n))
        self.who = current_thread().name


class Plain(Thread):
    def run(self):
        print("plain running as", self.name)


s = [Summer(i * 10) for i in range(4)]
for t in s:
    t.start()
for t in s:
    t.join()
    print(t.name, t.result, t.who)
p = Plain()
p.start()
p.join()
