# while loops with counters and conditions.
n = 5
while n > 0:
    print(n)
    n -= 1
print("liftoff")
a, b = 0, 1
while b < 100:
    a, b = b, a + b
print(a, b)
x = 27
steps = 0
while x != 1:
    if x % 2 == 0:
        x = x // 2
    else:
        x = 3 * x + 1
    steps += 1
print(steps)
