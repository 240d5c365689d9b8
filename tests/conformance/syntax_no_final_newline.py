# No newline at the end of the file.
x = 40
print(x + 2)