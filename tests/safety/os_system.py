# refuse: check
# Running a shell command through os.system.
import os
print("started")
os.system("touch pwned")
print("ESCAPED")
