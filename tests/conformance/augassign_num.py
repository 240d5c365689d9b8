# Augmented assignment on numbers.
n = 10
n += 5
print(n)
n -= 20
print(n)
n *= -3
print(n)
n //= 4
print(n)
n %= 5
print(n)
n /= 2
print(n)
f = 1.0
f += 0.5
f *= 4
f -= 1
f //= 2
print(f)
