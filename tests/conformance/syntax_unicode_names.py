# Non-ASCII identifiers are valid Python 3 names.
café = "coffee"
π = 3.14159
số_lượng = 3
def tổng(a, b):
    return a + b
print(café, π, số_lượng, tổng(số_lượng, 4))
class Bàn:
    def __init__(self):
        self.chân = 4
print(Bàn().chân)
print(f"{π:.2f} {café.upper()}")
