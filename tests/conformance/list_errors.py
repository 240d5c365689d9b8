# Errors from lists, caught, with CPython's messages.
a = [1, 2, 3]
try:
    print(a[3])
except IndexError as e:
    print("IndexError:", e)
try:
    print(a[-4])
except IndexError as e:
    print("IndexError:", e)
try:
    a[10] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    a.pop(7)
except IndexError as e:
    print("IndexError:", e)
try:
    print((1, 2)[5])
except IndexError as e:
    print("IndexError:", e)
try:
    print("abc"[3])
except IndexError as e:
    print("IndexError:", e)
print(a)
