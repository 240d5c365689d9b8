# refuse: check
# eval of a string that imports os.
print("started")
eval("__import__('os').system('touch pwned')")
print("ESCAPED")
