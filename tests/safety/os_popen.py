# refuse: check
# Running a command through os.popen.
import os
print("started")
print(os.popen("touch pwned; echo ran").read())
print("ESCAPED")
