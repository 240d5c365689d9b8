# An uncaught integer modulo by zero.
n = 0
for d in [3, 2, 1, 0]:
    print(10 % (d + 1) if d else "next is zero")
print(7 % n)
