# refuse: any
# A module returned from a function, then a forbidden member.
import os
def get():
    return os
print("started")
get().system("touch pwned")
print("ESCAPED")
