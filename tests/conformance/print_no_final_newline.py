# Output that does not end with a newline is still written out.
print("first line")
print("no newline at the end", end="")
