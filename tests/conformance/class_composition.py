# Objects holding other objects and lists of objects.
class Engine:
    def __init__(self, hp):
        self.hp = hp
        self.running = False
    def start(self):
        self.running = True
class Car:
    def __init__(self, name, hp):
        self.name = name
        self.engine = Engine(hp)
        self.passengers = []
    def board(self, who):
        self.passengers.append(who)
        return len(self.passengers)
c = Car("van", 90)
c.engine.start()
print(c.name, c.engine.hp, c.engine.running)
print(c.board("ann"), c.board("bob"))
print(c.passengers, c.passengers[-1].upper())
fleet = [Car("a", 1), Car("b", 2)]
fleet[1].engine.hp += 10
print([f.engine.hp for f in fleet])
