# refuse: any
# The module object hidden behind a variable and a list: only run time may see it.
import os
print("started")
box = [os]
m = box[0]
m.system("touch pwned")
print("ESCAPED")
