# Comprehensions with nested for clauses and nested comprehensions.
print([(x, y) for x in range(3) for y in range(2)])
print([x * y for x in [1, 2, 3] for y in [10, 100] if x != 2])
print([c + d for c in "ab" for d in "xyz"])
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid)
print([row[i] for row in grid for i in range(len(row)) if i == 1])
print([[row[i] for row in grid] for i in range(3)])
print([x for row in grid for x in row if x % 2 == 0])
