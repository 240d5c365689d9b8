# str() of every kind of value.
print(str(5), str(-3), str(0), str(2.5), str(-0.0), str(1e16))
print(str(None), str(True), str(False))
print(str([1, "a", 2.0]), str((1,)), str(()), str([]), str(""))
print(str("already"), str([[]]), str([None, False]))
print(len(str(12345)), str(10 ** 18))
