# refuse: check
# setattr on a module could replace a library function.
import time
print("started")
setattr(time, "sleep", print)
print("ESCAPED")
