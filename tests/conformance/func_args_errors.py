# Calling with the wrong arguments raises TypeError with CPython's wording.
def two(a, b):
    return a + b
def opt(a, b=1):
    return a * b
try:
    two(1)
except TypeError as e:
    print(e)
try:
    two(1, 2, 3)
except TypeError as e:
    print(e)
try:
    opt()
except TypeError as e:
    print(e)
try:
    opt(1, 2, 3)
except TypeError as e:
    print(e)
try:
    two(1, c=2)
except TypeError as e:
    print(e)
try:
    two(1, a=2)
except TypeError as e:
    print(e)
print(opt(4), opt(4, b=0))
