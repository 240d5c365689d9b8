# repr() of every kind of value; repr of containers uses repr of items.
print(repr(5), repr(-2.5), repr("s"), repr(None), repr(True))
print(repr([1, "two", 3.0, None]), repr((1, "x")), repr((1,)), repr(()))
print(repr([[1, "a"], ("b", [2])]))
print(repr(""), repr("'"), repr('"'))
print(repr(1e-5), repr(0.1 + 0.2))
print([repr(1), str(1), repr("1"), str("1")])
