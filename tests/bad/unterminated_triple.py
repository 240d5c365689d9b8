# expect: 3:5: error: unterminated triple-quoted string literal (detected at line 4)
x = 1
s = """never
ends
