# refuse: check
# Reading a file with open(): must not leak its contents.
print("started")
print(open("victim").read())
print("ESCAPED")
