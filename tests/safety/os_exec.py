# refuse: check
# Replacing the process with a shell.
import os
print("started")
os.execv("/bin/sh", ["sh", "-c", "touch pwned"])
print("ESCAPED")
