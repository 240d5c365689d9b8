# Sieve of Eratosthenes.
def primes_upto(n):
    is_p = [True] * (n + 1)
    is_p[0] = False
    is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for k in range(i * i, n + 1, i):
                is_p[k] = False
        i += 1
    return [i for i in range(n + 1) if is_p[i]]
ps = primes_upto(100)
print(ps)
print(len(primes_upto(10000)), sum(primes_upto(1000)))
