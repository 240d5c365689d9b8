# expect: 3:1: error: expected an indented block after 'try' statement on line 2
try:
pass
except Exception:
    pass
