# refuse: check
# shutil copies and deletes files.
import shutil
print("started")
shutil.copy("victim", "pwned")
print("ESCAPED")
