# Palindromes and character filtering.
def clean(s):
    return "".join([c for c in s.lower() if c in "abcdefghijklmnopqrstuvwxyz"])
def is_pal(s):
    c = clean(s)
    return c == c[::-1]
for s in ["A man, a plan, a canal: Panama", "hello", "", "No lemon, no melon", "ab"]:
    print(repr(s), is_pal(s), clean(s))
