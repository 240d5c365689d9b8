# Methods on literals and chained calls.
print("abc".upper(), [1, 2, 3].index(3), "-".join(["a", "b"]).upper())
print("MiXeD".lower().upper().lower(), "{}-{}".format("x", "y").upper())
print(f"{'q'.upper()}", len("ab".upper() + "cd".lower()))
words = ["b", "a"]
print(" ".join(sorted(words)).upper())
