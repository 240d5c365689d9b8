# refuse: check
# Importing a .py file that sits next to the script would run it.
import os_system
print("started")
print("ESCAPED")
