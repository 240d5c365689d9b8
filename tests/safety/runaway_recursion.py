# refuse: any
# Unbounded recursion ends with an error, never a crash of parlab.
def forever(n):
    return forever(n + 1) + 1
print("started")
forever(0)
print("ESCAPED")
