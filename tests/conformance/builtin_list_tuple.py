# list() and tuple() build new containers from iterables.
print(list("abc"), list(range(3)), list((1, 2)), list())
print(tuple([1, 2]), tuple("hi"), tuple(), tuple(range(2)))
a = [1, 2]
b = list(a)
b.append(3)
print(a, b, a is b)
t = tuple(a)
print(t, t == (1, 2), list(t) == a)
print(list(zip("ab", "cd")), list(enumerate("z")))
