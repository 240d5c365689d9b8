# Sorting objects with a key function that reads an attribute.
class Task:
    def __init__(self, name, prio):
        self.name = name
        self.prio = prio
def prio_of(t):
    return t.prio
tasks = [Task("write", 2), Task("test", 1), Task("ship", 3), Task("lint", 1)]
print([t.name for t in sorted(tasks, key=prio_of)])
print([t.name for t in sorted(tasks, key=prio_of, reverse=True)])
print(max(tasks, key=prio_of).name, min(tasks, key=prio_of).name)
