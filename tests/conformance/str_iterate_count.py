# Counting characters by iterating; no dict needed.
text = "the quick brown fox jumps over the lazy dog"
vowels = 0
spaces = 0
letters = []
for ch in text:
    if ch in "aeiou":
        vowels += 1
    elif ch == " ":
        spaces += 1
    if ch not in letters and ch != " ":
        letters.append(ch)
print(vowels, spaces, len(letters))
print("".join(sorted(letters)))
words = []
cur = ""
for ch in text + " ":
    if ch == " ":
        if cur:
            words.append(cur)
        cur = ""
    else:
        cur += ch
print(len(words), words[2], max(words, key=len))
