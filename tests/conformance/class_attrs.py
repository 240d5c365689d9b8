# Class attributes are shared until an instance assigns its own.
class Config:
    retries = 3
    names = []
    def __init__(self, tag):
        self.tag = tag
c1 = Config("one")
c2 = Config("two")
print(c1.retries, c2.retries, Config.retries)
c1.retries = 10
print(c1.retries, c2.retries, Config.retries)
Config.retries = 7
print(c1.retries, c2.retries, Config.retries)
c1.names.append(c1.tag)
c2.names.append(c2.tag)
print(Config.names, c1.names is c2.names)
class Counter:
    made = 0
    def __init__(self):
        Counter.made += 1
        self.id = Counter.made
objs = [Counter() for i in range(3)]
print(Counter.made, [o.id for o in objs])
