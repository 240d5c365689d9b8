# refuse: check
# A dunder attribute inside an f-string field is still a dunder attribute.
x = 5
print("started")
print(f"{x.__class__.__bases__}")
print("ESCAPED")
