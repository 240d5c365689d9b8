# An uncaught TypeError after some output.
for i in range(3):
    print("row", i)
label = "total: " + 3
