# repr escapes what is not printable, also beyond ASCII.
for s in ["\x7f", "\x80", "\x85", "\xa0", "\xad", "\u200b", "\u2028", "é", "\U0001f600", "\t\n\r", "\x1b[0m", "\\"]:
    print(repr(s), len(s))
print(repr("mixed\x00and\x1fend"))
