# Infinities and NaN produced by arithmetic and by float().
inf = 1e308 * 10
print(inf, -inf, inf + 1, inf * -2, 1 / inf, -1 / inf)
nan = inf - inf
print(nan, nan == nan, nan != nan, inf == inf, inf > 1e308)
print(float("inf"), float("-inf"), float("nan"))
print(repr(inf), str(-inf), [inf, -inf])
print(inf * 0, -inf < 0 < inf)
