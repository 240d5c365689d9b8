# Windows line endings: CRLF everywhere.
def f(x):
    if x > 1:
        return "big"
    return "small"
for i in range(3):
    print(i, f(i))
s = """two
lines"""
print(len(s), repr(s))
