# refuse: check
# exec of a string.
print("started")
exec("import os\nos.system('touch pwned')")
print("ESCAPED")
