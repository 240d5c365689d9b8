# f-strings with plain expressions.
name = "parlab"
n = 3
x = 2.5
items = [1, 2, 3]
print(f"hello {name}")
print(f"{n} + 1 = {n + 1}")
print(f"{x} {x * 2} {n / 2}")
print(f"{items} {items[0]} {len(items)}")
print(f"{'yes' if n > 2 else 'no'}")
print(f"{{literal braces}} {n}")
print(f"{True} {None} {(1, 2)} {-n}")
print(f"")
print(f"no fields")
print(f"{name}{name}")
