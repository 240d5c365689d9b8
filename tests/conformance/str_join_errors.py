# join needs strings; other items raise TypeError.
try:
    print(", ".join(["a", 1, "c"]))
except TypeError as e:
    print("TypeError:", e)
try:
    print("".join([None]))
except TypeError as e:
    print("TypeError:", e)
print("-".join(["a", "b"]), "-".join("ab"), "-".join(("x",)))
