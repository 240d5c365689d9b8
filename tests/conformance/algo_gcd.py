# Euclid's algorithm, iterative and recursive, and lcm.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def gcd_r(a, b):
    if b == 0:
        return a
    return gcd_r(b, a % b)
def lcm(a, b):
    return a // gcd(a, b) * b
pairs = [(48, 18), (17, 5), (100, 75), (0, 9), (270, 192)]
for a, b in pairs:
    print(a, b, gcd(a, b), gcd_r(a, b), lcm(a, b) if a else 0)
acc = 1
for k in range(1, 21):
    acc = lcm(acc, k)
print(acc)
