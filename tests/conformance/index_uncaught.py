# An uncaught IndexError ends the program with exit 1.
queue = ["first"]
print(queue.pop(0))
print(queue[0])
