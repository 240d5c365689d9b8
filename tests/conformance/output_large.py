# Large output: every line arrives in order.
total = 0
for i in range(20000):
    total += i
    if i % 3 == 0:
        print(i, total)
print("done", total)
