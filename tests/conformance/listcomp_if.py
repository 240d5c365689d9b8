# Comprehensions with a filter.
print([x for x in range(20) if x % 3 == 0])
print([x * 2 for x in range(10) if x > 6])
print([w for w in ["ant", "bee", "cat", "ape"] if w[0] == "a"])
print([n for n in [4, -1, 0, 7, -9] if n])
print([n for n in range(10) if n % 2 if n % 3])
