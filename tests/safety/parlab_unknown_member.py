# refuse: check
# Only the documented members of an allowed module exist.
import time
print("started")
time.os.system("touch pwned")
print("ESCAPED")
