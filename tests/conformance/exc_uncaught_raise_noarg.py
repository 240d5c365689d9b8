# Uncaught raise of a class with no message: the last line is just the name.
print("about to fail")
raise RuntimeError
