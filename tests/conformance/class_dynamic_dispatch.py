# A base-class method calling an overridden method reaches the subclass.
class Report:
    def title(self):
        return "report"
    def render(self):
        return "== " + self.title() + " =="
class Sales(Report):
    def title(self):
        return "sales " + super().title()
class Empty(Report):
    pass
for r in [Report(), Sales(), Empty()]:
    print(r.render())
class Base:
    def __init__(self):
        self.setup()
    def setup(self):
        self.mode = "base"
class Derived(Base):
    def setup(self):
        self.mode = "derived"
print(Base().mode, Derived().mode)
