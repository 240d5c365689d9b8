# Assigning anywhere in a function makes the name local for the whole body.
total = 5
def broken():
    print(total)
    total = 6
try:
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def fine():
    return total + 1
print(fine())
