# Uncaught AttributeError raised inside a method.
class Robot:
    def __init__(self, name):
        self.name = name
    def report(self):
        print("robot", self.name)
        return self.battery
r = Robot("r2")
r.report()
