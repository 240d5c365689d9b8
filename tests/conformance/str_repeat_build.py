# Building text: padding by hand, centring, reversing.
def pad_left(s, n):
    return " " * (n - len(s)) + s
def reverse(s):
    out = ""
    for ch in s:
        out = ch + out
    return out
rows = ["a", "bbb", "cc"]
for r in rows:
    print("[" + pad_left(r, 5) + "]")
print(reverse("stressed"), reverse(""), "racecar" == reverse("racecar"))
width = 9
for i in range(1, 6, 2):
    stars = "*" * i
    side = " " * ((width - i) // 2)
    print(side + stars + side + "|")
