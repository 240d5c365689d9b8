# pass in functions, classes, loops and branches.
def nothing():
    pass
class Empty:
    pass
for i in range(3):
    pass
if True:
    pass
else:
    pass
print(nothing(), i)
e = Empty()
e.tag = "set later"
print(e.tag)
