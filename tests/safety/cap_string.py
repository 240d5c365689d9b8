# refuse: any
# A ten-gigabyte string must hit the memory cap.
print("started")
s = "x" * (10 ** 10)
print("ESCAPED", len(s))
