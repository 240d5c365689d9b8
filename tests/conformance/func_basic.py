# def, return, implicit None, calls as expressions.
def add(a, b):
    return a + b
def greet(name):
    print("hello", name)
def early(n):
    if n < 0:
        return "negative"
    return
print(add(2, 3), add("a", "b"), add([1], [2]))
r = greet("ann")
print(r)
print(early(-1), early(5))
print(add(add(1, 2), add(3, 4)))
def no_args():
    return 42
print(no_args() + 1)
