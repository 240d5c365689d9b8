# expect: 4:1: error: expected an indented block after 'while' statement on line 2
while True:
# nothing here
x = 1
