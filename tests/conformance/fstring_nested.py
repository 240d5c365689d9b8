# Nested replacement fields inside a format spec.
w = 8
p = 3
x = 2.0 / 3
s = "mid"
print(f"[{x:{w}}]")
print(f"[{x:{w}.{p}f}]")
print(f"[{s:>{w}}] [{s:^{w}}] [{s:<{w}}]")
print(f"[{42:{w}d}]")
for width in range(3, 7):
    print(f"[{7:>{width}}]")
fill = "*"
print(f"[{s:{fill}^{w}}]")
