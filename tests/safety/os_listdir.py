# refuse: check
# Listing a directory.
import os
print("started")
print(os.listdir("."))
print("ESCAPED")
