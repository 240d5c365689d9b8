# bool with a format spec formats as an int; with an empty spec as str.
t = True
f = False
print(f"[{t}] [{f}] [{t:>6}] [{f:<4}] [{t:d}] [{t:.1f}] [{t:x}]")
print("[{}] [{:5}] [{:^5}]".format(True, True, False))
print(f"[{str(t):>6}]")
