"""
order: fixed
"""
# Threads joined one at a time: each result is in place before printing.
from threading import Thread
results = [0] * 4
def work(i, n):
    total = 0
    for k in range(n):
        total += k
    results[i] = total
threads = []
for i in range(4):
    t = Thread(target=work, args=(i, 1000 * (i + 1)))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
print(results)
print(sum(results))
