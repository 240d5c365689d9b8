# global lets a function rebind a module-level name.
counter = 0
def bump():
    global counter
    counter += 1
def reset(v):
    global counter
    counter = v
for i in range(5):
    bump()
print(counter)
reset(100)
bump()
print(counter)
def make_new():
    global created
    created = "made inside"
make_new()
print(created)
items = []
def add(x):
    items.append(x)
add(1)
add(2)
print(items)
