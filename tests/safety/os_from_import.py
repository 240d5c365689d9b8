# refuse: check
# A forbidden name imported from an allowed module.
from os import system
print("started")
system("touch pwned")
print("ESCAPED")
