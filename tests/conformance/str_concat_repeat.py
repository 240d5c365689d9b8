# String concatenation and repetition.
a = "ab"
print(a + "cd", a * 3, 3 * a, a * 0, a * -2, "" * 5)
print("-" * 10)
s = ""
for i in range(5):
    s = s + str(i)
print(s, len(s))
print("x" + "y" * 2 + "z")
