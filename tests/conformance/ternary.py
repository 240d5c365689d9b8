# Conditional expressions, including nested ones.
def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"
for n in [-3, 0, 8]:
    print(n, sign(n))
x = 4
print("even" if x % 2 == 0 else "odd", (1 if x > 2 else 2) * 10)
print([("big" if v > 2 else "small") for v in range(5)])
