# f-strings convert values with str(): lists, tuples, None, bools, floats.
vals = [None, True, False, [1, "a"], (2,), (), 0.1, 1e16, -0.0, "s"]
for v in vals:
    print(f"<{v}>")
x = 0.1 + 0.2
print(f"{x}")
print(f"{[0.5, 'q']}", f"{[[1], ['x']]}")
