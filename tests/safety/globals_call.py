# refuse: check
# globals() reaches __builtins__.
print("started")
g = globals()
print(g)
print("ESCAPED")
