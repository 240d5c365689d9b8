# upper() and lower() leave other characters alone.
s = "Hello, World! 123"
print(s.upper())
print(s.lower())
print("".upper(), "ALREADY".upper(), "mIxEd".lower())
print("ÉCOLE".lower(), "éa".upper())
t = "Keep"
u = t.upper()
print(t, u)
