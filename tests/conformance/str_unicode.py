# Strings are sequences of code points, not bytes.
s = "héllo wörld"
print(len(s), s[1], s[-4], s[::-1])
print(s.upper())
j = "日本語"
print(len(j), j[0], j[1:], j[::-1])
for ch in "añb":
    print(ch, end=" ")
print()
print("é" in s, "ö" < "ü")
