# Long strings and long lines.
s = "ab" * 50000
print(len(s), s[:6], s[-3:], s[99999])
parts = []
for i in range(5000):
    parts.append(str(i))
line = ",".join(parts)
print(len(line))
print(line[-20:])
print("x" * 20000)
built = ""
for i in range(3000):
    built += "y"
print(len(built))
