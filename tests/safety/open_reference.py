# refuse: check
# Naming open without calling it is enough to refuse.
handle = open
print("started")
handle("pwned", "w")
print("ESCAPED")
