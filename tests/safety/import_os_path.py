# refuse: check
# A submodule of an allowed module is not part of the library.
import os.path
print("started")
print(os.path.exists("victim"))
print("ESCAPED")
