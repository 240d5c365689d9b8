# Calling the base initialiser explicitly as Base.__init__(self, ...).
class Base:
    def __init__(self, x):
        self.x = x
        self.log = ["base"]
class Child(Base):
    def __init__(self, x, y):
        Base.__init__(self, x)
        self.y = y
        self.log.append("child")
c = Child(1, 2)
print(c.x, c.y, c.log)
class NoInit(Base):
    def double(self):
        return self.x * 2
n = NoInit(21)
print(n.double(), n.log)
