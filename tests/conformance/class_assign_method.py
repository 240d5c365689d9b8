# Functions assigned to a class become methods; on an instance they stay plain.
class Greeter:
    def __init__(self, name):
        self.name = name
def hello(self):
    return "hello " + self.name
def plain():
    return "plain function"
g = Greeter("ann")
Greeter.hello = hello
print(g.hello(), Greeter("bob").hello())
g.call = plain
print(g.call())
def shout(self, extra="!"):
    return self.name.upper() + extra
Greeter.shout = shout
print(g.shout(), g.shout("?"), Greeter.shout(g, "."))
