# refuse: check
# Reading the environment (secrets live there).
import os
print("started")
print(os.environ)
print("ESCAPED")
