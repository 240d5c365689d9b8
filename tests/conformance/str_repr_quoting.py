# repr of strings: the quote CPython picks and which characters it escapes.
print(repr("plain"), repr(""), repr("it's"), repr('say "hi"'))
print(repr("both ' and \""), repr("back\\slash"))
print(repr("new\nline"), repr("tab\there"), repr("cr\r"))
print(repr("\x01\x7f"), repr("\u00e9"), repr("caf\u00e9"))
print(repr(["a", "b'c", 'd"e']))
print(repr(("x",)), repr("\x00"))
print(repr("日本"))
