# refuse: check
# compile() builds code from a string.
print("started")
code = compile("open('pwned', 'w')", "x", "exec")
print("ESCAPED")
