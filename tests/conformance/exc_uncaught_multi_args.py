# An uncaught exception with several arguments shows the args tuple.
def fail():
    raise RuntimeError("step", 3, None)
print("calling")
fail()
