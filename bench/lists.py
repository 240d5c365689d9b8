# Lists: append, indexing, slicing, comprehensions, sort, sum, len.
def build(n):
    xs = []
    for i in range(n):
        xs.append(i * 7 % 1000)
    return xs


def index_sum(xs):
    t = 0
    for i in range(len(xs)):
        t += xs[i]
    return t


def swaps(xs):
    n = len(xs)
    for i in range(n // 2):
        xs[i], xs[n - 1 - i] = xs[n - 1 - i], xs[i]
    return xs[0]


xs = build(1000000)
print(len(xs), index_sum(xs))
print(swaps(xs))
sq = [x * x for x in xs if x % 2 == 0]
print(len(sq), sum(sq))
ys = sorted(xs[:200000])
print(ys[0], ys[-1], ys[100000])
print(sum(xs[::3]), max(xs), min(xs))
words = [str(i) for i in range(200000)]
print(len(",".join(words)))
