# float(repr(x)) gives back x exactly; str(x) equals repr(x).
values = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 7, 1e16, 1e-5, 123456.789, 5e-324, 1.7976931348623157e308, -0.0, 3.141592653589793, 2.718281828459045, 1e23, 9.999999999999999e22]
ok = 0
for v in values:
    r = repr(v)
    back = float(r)
    if back == v and str(v) == r:
        ok += 1
    print(r, back == v)
print(ok, len(values))
