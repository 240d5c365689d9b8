# An exception raised inside an except block is reported (the last line is the new one).
try:
    1 // 0
except ZeroDivisionError:
    print("handling")
    raise ValueError("while handling")
