# refuse: check
# A star import would bring every os function into scope.
from os import *
print("started")
system("touch pwned")
print("ESCAPED")
