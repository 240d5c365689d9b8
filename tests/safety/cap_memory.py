# refuse: any
# A list of ten billion items must hit the memory cap, not the machine.
print("started")
big = [0] * (10 ** 10)
print("ESCAPED", len(big))
