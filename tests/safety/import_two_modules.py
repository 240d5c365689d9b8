# refuse: check
# One import statement naming an allowed and a forbidden module.
import time, subprocess
print("started")
subprocess.run(["touch", "pwned"])
print("ESCAPED")
