# if/elif/else chains; only the first true branch runs.
def grade(score):
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    else:
        return "F"
for s in [95, 90, 85, 72, 10]:
    print(s, grade(s))
x = 0
if x:
    print("no")
elif x == 0:
    print("zero")
if x > 0:
    print("positive")
if not x:
    print("not x")
if x == 0: print("one-line if")
