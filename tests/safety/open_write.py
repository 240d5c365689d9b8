# refuse: check
# Writing a file with the open() builtin.
print("started")
f = open("pwned", "w")
f.write("escaped")
print("ESCAPED")
