# String comparison and substring search.
names = ["bob", "Alice", "carol", "alice", "Bob"]
print(sorted(names))
print(min(names), max(names))
print("abc" == "abc", "abc" != "ABC", "abc" < "abcd", "b" > "abcd")
print("run" in "parallel run", "Run" in "parallel run")
text = "mississippi"
count = 0
for ch in text:
    if ch == "s":
        count += 1
print(count)
