# Which handler catches what: order of except clauses and subclasses.
class Base(Exception):
    pass
class Mid(Base):
    pass
class Leaf(Mid):
    pass
def which(exc):
    try:
        raise exc
    except Leaf:
        return "Leaf"
    except Mid:
        return "Mid"
    except Base:
        return "Base"
    except Exception:
        return "Exception"
print(which(Leaf("x")), which(Mid("x")), which(Base("x")), which(ValueError("x")))
try:
    try:
        raise TypeError("t")
    except ValueError:
        print("wrong handler")
except TypeError as e:
    print("TypeError passed through:", e)
try:
    raise ZeroDivisionError("zd")
except ArithmeticError as e:
    print("ArithmeticError caught", e)
try:
    [][1]
except LookupError as e:
    print("LookupError caught", e)
