# Equality never raises between different types; it is just False.
print(1 == "1", "1" == 1, None == 0, None == None, [] == ())
print([] == [], () == (), "" == "", 0 == 0.0)
print(1 != "1", None != False, [1] == [1.0], (1, "a") == (1, "a"))
print([[1, 2], [3]] == [[1, 2], [3]], [[1, 2]] == [[2, 1]])
