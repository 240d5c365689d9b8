# Compound statements written on one line.
x = 5
if x > 3: print("big")
else: print("small")
for i in range(2): print("for", i)
while x > 3: x -= 1
print(x)
def f(): return "one-line def"
print(f())
class C: pass
try: print(1 // 0)
except ZeroDivisionError: print("one-line except")
finally: print("one-line finally")
if x: a = 1; b = 2; print(a + b)
