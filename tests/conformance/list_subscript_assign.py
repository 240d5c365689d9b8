# Assigning through subscripts, nested lists and aliases.
a = [0, 1, 2, 3]
a[0] = "zero"
a[-1] = "last"
print(a)
m = [[0] * 3 for i in range(2)]
m[0][1] = 5
print(m)
alias = m[1]
alias[2] = 9
print(m)
shared = [[0] * 2] * 2
shared[0][0] = 7
print(shared)
b = a
b[1] = "one"
print(a)
