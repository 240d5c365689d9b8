# refuse: check
# The classic sandbox escape through __class__.__bases__.
print("started")
subs = ().__class__.__bases__[0].__subclasses__()
print(len(subs))
print("ESCAPED")
