# refuse: any
# The same, with the template in a variable so no checker can read it.
template = "{0." + "__cl" + "ass__}"
print("started")
print(template.format(print))
print("ESCAPED")
