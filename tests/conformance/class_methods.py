# Methods call each other through self; default arguments on methods.
class Shape:
    def __init__(self, w, h):
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
    def perimeter(self):
        return 2 * (self.w + self.h)
    def summary(self, prefix="shape"):
        return f"{prefix} {self.w}x{self.h} area={self.area()} perim={self.perimeter()}"
    def scale(self, k=2):
        self.w *= k
        self.h *= k
        return self
s = Shape(2, 3)
print(s.summary())
print(s.scale().summary("scaled"))
print(s.scale(k=0.5).summary(prefix="half"))
print(Shape.area(s))
