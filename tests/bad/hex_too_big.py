# expect: 2:5: error: integer literal too large: lesson scripts use 64-bit integers (at most 9223372036854775807)
n = 0x10000000000000000
