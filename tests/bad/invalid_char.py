# expect: 2:10: error: invalid character '€' (U+20AC)
price = 5€
