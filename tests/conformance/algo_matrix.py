# Matrix multiply and transpose with nested lists.
def matmul(a, b):
    rows = len(a)
    cols = len(b[0])
    inner = len(b)
    out = [[0] * cols for i in range(rows)]
    for i in range(rows):
        for j in range(cols):
            s = 0
            for k in range(inner):
                s += a[i][k] * b[k][j]
            out[i][j] = s
    return out
def transpose(m):
    return [[row[j] for row in m] for j in range(len(m[0]))]
a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
print(matmul(a, b))
print(transpose(a))
ident = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
print(matmul(a, ident) == a)
for row in matmul(b, a):
    print(" ".join([f"{v:4d}" for v in row]))
