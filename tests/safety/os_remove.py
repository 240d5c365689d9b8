# refuse: check
# Deleting a file.
import os
print("started")
os.remove("victim")
print("ESCAPED")
