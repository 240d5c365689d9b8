# refuse: check
# The builtins module exposes open and __import__.
import builtins
print("started")
builtins.open("pwned", "w").write("x")
print("ESCAPED")
