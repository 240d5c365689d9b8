# str.join with lists and tuples of strings.
words = ["one", "two", "three"]
print(", ".join(words))
print("".join(words))
print("-".join(["solo"]), repr("-".join([])))
print(" | ".join(("a", "b")))
print("+".join([str(n) for n in range(5)]))
print("\n".join(["line1", "line2"]))
print("ab".join(["x", "y", "z"]))
letters = "xyz"
print(".".join(letters))
