# assert with a non-string message.
limit = 10
values = [4, 12]
for v in values:
    assert v < limit, v
    print("ok", v)
