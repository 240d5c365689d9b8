# An uncaught NameError for a name only bound on a path not taken.
if len("ab") > 5:
    ghost = 1
print("start")
print(ghost)
