# expect: 2:12: error: unmatched ')'
x = (1 + 2))
