# break leaves the loop, continue skips to the next item.
for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i)
found = None
for word in ["apple", "berry", "cherry", "banana"]:
    if word[0] == "b":
        found = word
        break
print(found)
odd = []
for n in range(10):
    if n % 2 == 0:
        continue
    odd.append(n)
print(odd)
