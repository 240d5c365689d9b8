# An uncaught ZeroDivisionError: exit 1 after the output so far.
print("before")
total = 10
count = 0
print("average:", total / count)
print("never printed")
