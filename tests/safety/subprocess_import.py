# refuse: check
# The subprocess module is not in the library.
import subprocess
print("started")
subprocess.run(["touch", "pwned"])
print("ESCAPED")
