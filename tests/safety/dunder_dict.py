# refuse: check
# __dict__ exposes internals.
class C:
    pass
print("started")
print(C.__dict__)
print("ESCAPED")
