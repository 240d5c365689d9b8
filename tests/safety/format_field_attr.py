# refuse: any
# str.format field names can reach attributes: {0.__class__}.
print("started")
print("{0.__class__.__bases__}".format(5))
print("ESCAPED")
