# refuse: check
# The __builtins__ name itself.
print("started")
__builtins__.open("pwned", "w")
print("ESCAPED")
