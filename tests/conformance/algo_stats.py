# Mean, median and a histogram printed with f-strings.
data = [2, 8, 3, 9, 4, 4, 7, 1, 6, 5]
n = len(data)
mean = sum(data) / n
s = sorted(data)
median = (s[n // 2 - 1] + s[n // 2]) / 2 if n % 2 == 0 else s[n // 2]
var = sum([(x - mean) ** 2 for x in data]) / n
print(f"n={n} mean={mean:.2f} median={median} var={var:.3f}")
print(f"std={var ** 0.5:.4f}")
for lo in range(0, 10, 3):
    count = len([x for x in data if lo <= x < lo + 3])
    print(f"{lo:>2}-{lo + 2:<2} | {'#' * count:<5} | {count}")
