# break/continue inside try with finally; exceptions inside loops.
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
results = []
for s in ["1", "x", "3", "", "5"]:
    try:
        results.append(int(s))
    except ValueError:
        results.append(None)
print(results)
n = 0
while True:
    try:
        n += 1
        if n == 3:
            raise RuntimeError("stop at 3")
    except RuntimeError as e:
        print(e)
        break
print(n)
