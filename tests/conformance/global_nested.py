# global inside a nested function refers to the module scope.
level = "module"
def outer():
    level = "outer local"
    def inner():
        global level
        level = "set by inner"
    inner()
    return level
print(outer(), level)
total = 0
def add_all(values):
    global total
    for v in values:
        total += v
    return total
print(add_all([1, 2, 3]), add_all([4]), total)
