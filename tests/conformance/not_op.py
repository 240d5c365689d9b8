# not on every kind of value.
for v in [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), None, True, False]:
    print(repr(v), not v)
print(not 1 == 2, not (1 and 0))
