# expect: 2:10: error: unexpected character after line continuation character
x = 1 + \ 2
