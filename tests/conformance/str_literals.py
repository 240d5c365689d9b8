# Literal forms: quotes, triple quotes, adjacent literals, raw strings.
a = 'single'
b = "double"
c = """triple
quoted"""
d = '''also
triple'''
print(a, b)
print(c)
print(d)
e = "adjacent " "literals " 'join'
print(e)
f = ("spread "
     "over "
     "lines")
print(f)
r = r"raw\n\t"
print(r, len(r))
print("""She said "hi" and left""")
