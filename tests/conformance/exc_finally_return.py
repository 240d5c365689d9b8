# return and finally: finally runs on the way out, and a return in finally wins.
def a():
    try:
        return "try"
    finally:
        print("a finally")
def b():
    try:
        return "try"
    finally:
        return "finally"
def c():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
def d():
    for i in range(3):
        try:
            if i == 1:
                return i
        finally:
            print("d finally", i)
print(a())
print(b())
print(c())
print(d())
def e():
    x = "before"
    try:
        return x
    finally:
        x = "changed"
print(e())
