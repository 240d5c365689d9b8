# More str.format: reuse, nesting, fills, mixed auto fields and keywords.
row = "{:<6}|{:>5}|{:^7}|"
print(row.format("name", "qty", "note"))
print(row.format("apple", 3, "ok"))
print(row.format("kiwi", 12, "-"))
print("{0}{0}{1}".format("ab", "c"), "{a}{b}{a}".format(a=1, b=2))
print("{:{}.{}f}".format(3.14159, 8, 2), "{0:{1}}|".format("x", 4))
print("{:+.3e}".format(-12345.678), "{:_b}".format(1023), "{:08,.1f}".format(1234.5))
print("{} {}".format("a", "b").upper(), "{}".format("{}"))
print("{:>3}{:>3}{:>3}".format(1, 22, 333))
