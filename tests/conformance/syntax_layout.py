# Layout: comments, blank lines, continuation lines, semicolons, one-line bodies.
x = 1   # trailing comment
# a full-line comment

total = (1 +
         2 +
         3)
items = [
    "a",
    "b",   # comment inside brackets
]
long = 10 + \
    20
a = 1; b = 2; print(a + b)
for i in range(2): print("loop", i)
while x < 3: x += 1
def f(p,
      q):
    # comment in a body

    return p * q
print(total, items, long, x, f(2,
                               3))
if x:

    print("blank line before this")
