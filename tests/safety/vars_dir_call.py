# refuse: check
# dir() and vars() introspect objects.
print("started")
print(dir())
print("ESCAPED")
