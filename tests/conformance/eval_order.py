# Evaluation order: left to right for operands, arguments and subscripts.
log = []
def v(tag, val):
    log.append(tag)
    return val
def three(a, b, c):
    return a + b + c
print(three(v("a", 1), v("b", 2), v("c", 3)), log)
log = []
r = v("left", 2) * v("right", 3) + v("third", 4)
print(r, log)
log = []
data = [0, 0, 0]
def idx():
    log.append("index")
    return 1
data[idx()] += 5
print(data, log)
log = []
x = [v("x1", 1), v("x2", 2)][v("i", 1)]
print(x, log)
log = []
f = v("fmt", 5)
print(f"{v('f1', 1)}{v('f2', 2)}", log)
