# refuse: check
# Signalling another process (here the parent).
import os
print("started")
os.kill(os.getppid(), 9)
print("ESCAPED")
