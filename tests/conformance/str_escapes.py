# Escape sequences in string literals.
print("tab:\tend")
print("two\nlines")
print("back\\slash", 'single\'quote', "double\"quote")
print("\x41\x42\x43", "\u00e9t\u00e9", "\101")
print(len("\n"), len("\\n"), len("\x00"), len("\u00e9"))
print("bell-free \\a stays", "carriage\rreturn" == "carriage" + "\r" + "return")
print('mixed "quotes" inside', "it's")
print("nul" + "\0" + "byte" == "nul\x00byte")
