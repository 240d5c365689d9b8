# Nested lists and tuples: printing, equality, copying.
n = [[[]], [1, [2, (3, [4])]], ()]
print(n, len(n), n[1][1][1][1][0])
shallow = n[:]
shallow[1][0] = "changed"
print(n[1][0], shallow is n, shallow[1] is n[1])
print([[0] * 2 for i in range(2)] == [[0, 0], [0, 0]])
print(((1,),), [()], ([],))
