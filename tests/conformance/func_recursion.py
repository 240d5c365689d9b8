# Recursive functions.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print([fact(i) for i in range(11)])
print(fact(20))
print([fib(i) for i in range(15)])
print(depth(400))
def power_set(items):
    if len(items) == 0:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + r for r in rest]
print(power_set([1, 2, 3]))
