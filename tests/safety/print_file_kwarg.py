# refuse: any
# print(file=...) must not become a way to write somewhere.
print("started")
print("ESCAPED", file="pwned")
