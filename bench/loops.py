# Loops: while with a counter, for over range, nested loops, int arithmetic.
def count_while(n):
    i = 0
    total = 0
    while i < n:
        total += i
        i += 1
    return total


def count_for(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            total += i * 2
        else:
            total -= 1
    return total


def nested(n):
    hits = 0
    for a in range(n):
        for b in range(n):
            if (a + b) % 7 == 0:
                hits += 1
    return hits


def floats(n):
    x = 0.0
    for i in range(n):
        x = x * 0.5 + i / 3.0
    return x


print(count_while(3000000))
print(count_for(3000000))
print(nested(1200))
print(round(floats(1000000), 6))
