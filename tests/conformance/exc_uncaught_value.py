# An uncaught ValueError from int() inside nested calls.
def parse(text):
    return int(text)
def load(rows):
    return [parse(r) for r in rows]
print(load(["1", "2"]))
print(load(["3", "four"]))
