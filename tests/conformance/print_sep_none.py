# sep=None and end=None mean the defaults.
print("a", "b", sep=None)
print("c", end=None)
print("d", "e", sep=None, end=None)
print("x", "y", sep="")
print("n", "o", sep="-", end="|\n")
