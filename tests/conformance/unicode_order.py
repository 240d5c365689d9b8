# Strings order by code point.
words = ["zebra", "éclair", "apple", "Zoo", "ärger", "日本", "_x", "10", "9"]
print(sorted(words))
print("é" > "z", "Z" < "a", "日" > "é", min(words), max(words))
print(sorted("héllo wörld"))
