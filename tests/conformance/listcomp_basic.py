# Simple list comprehensions.
print([x * x for x in range(6)])
print([c.upper() for c in "abc"])
print([str(n) for n in [1, 2.5, None]])
print([0 for i in range(3)])
words = ["red", "green", "blue"]
print([len(w) for w in words])
print([w + "!" for w in words])
print([[i] for i in range(3)])
print([])
