# refuse: check
# __import__ by name.
print("started")
__import__("os").system("touch pwned")
print("ESCAPED")
