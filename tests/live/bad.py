# A script error on line 4: the code pane shows it, nothing runs.
x = 1
print(x)
if x = 2:
    print("no")
