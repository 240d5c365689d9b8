# Nested handlers: inner handles what it matches, the rest goes outward.
def level(kind):
    try:
        try:
            if kind == "value":
                raise ValueError("v")
            if kind == "type":
                raise TypeError("t")
            print("  no error")
        except ValueError as e:
            print("  inner caught", e)
        finally:
            print("  inner finally")
        print("  after inner")
    except TypeError as e:
        print("  outer caught", e)
for k in ["none", "value", "type"]:
    print(k)
    level(k)
try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
except TypeError as e:
    print("replaced by", e)
