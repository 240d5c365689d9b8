# expect: 2:7: error: unterminated string literal (detected at line 2)
print('hello)
