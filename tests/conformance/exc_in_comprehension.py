# An exception inside a comprehension propagates to the enclosing handler.
def inv(x):
    return 1 / x
try:
    print([inv(x) for x in [1, 2, 0, 4]])
except ZeroDivisionError as e:
    print("caught", e)
def safe_inv(x):
    try:
        return 1 / x
    except ZeroDivisionError:
        return None
print([safe_inv(x) for x in [4, 0, -2]])
