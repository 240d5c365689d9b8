# Missing attributes raise AttributeError with CPython's message.
class Point:
    def __init__(self):
        self.x = 1
p = Point()
try:
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.nothing()
except AttributeError as e:
    print("AttributeError:", e)
try:
    print([].missing)
except AttributeError as e:
    print("AttributeError:", e)
print(p.x)
