# Parsing numbers from strings with whitespace, signs and underscores.
print(int("1_000"), int(" -42\n"), int("+0"), int("\t7 "))
print(float("  -inf "), float("1E5"), float("+.5e-2"), float("-0"), float("1_0.2_5"))
print(float("Infinity"), float("-iNF"), float("nan") != float("nan"))
for bad in ["1__0", "_1", "0x10", "1.0", " ", "1e5"]:
    try:
        print(int(bad))
    except ValueError as e:
        print("ValueError:", e)
