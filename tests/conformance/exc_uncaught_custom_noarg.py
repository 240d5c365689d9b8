# An uncaught custom exception raised with no message.
class Halt(Exception):
    pass
def step(i):
    if i == 2:
        raise Halt()
    print("step", i)
for i in range(5):
    step(i)
