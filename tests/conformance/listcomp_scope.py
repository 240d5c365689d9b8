# The comprehension variable does not leak; outer names are visible.
x = "outer"
squares = [x * x for x in range(4)]
print(x, squares)
k = 3
print([i * k for i in range(4)])
def make(n):
    base = 10
    return [base + i for i in range(n)]
print(make(3))
