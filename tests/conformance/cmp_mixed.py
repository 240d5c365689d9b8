# Comparisons across int/float and of strings, lists and tuples.
print(1 == 1.0, 2 < 2.5, 3 >= 3.0, -1 > -1.5, 0 == -0.0)
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc")
print("apple" > "Apple", "10" < "9")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0])
print((1, 2) == (1, 2), (1, 2) < (1, 2, 3), (3,) > (2, 9))
print([1, 2] == [1, 2], [1, 2] != [2, 1])
print(1.5 <= 1, 10 != 10.0, 7 != 8)
