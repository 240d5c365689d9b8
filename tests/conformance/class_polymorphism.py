# Different classes answering the same method; a shared base provides defaults.
class Shape:
    name = "shape"
    def area(self):
        return 0
    def label(self):
        return f"{self.name}: {self.area():.2f}"
class Square(Shape):
    name = "square"
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
class Circle(Shape):
    name = "circle"
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
class Dot(Shape):
    pass
shapes = [Square(2), Circle(1), Dot(), Square(1.5)]
for s in shapes:
    print(s.label())
def area_of(s):
    return s.area()
print([s.name for s in sorted(shapes, key=area_of)])
print(sum([s.area() for s in shapes]))
