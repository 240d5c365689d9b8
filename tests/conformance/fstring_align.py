# f-string alignment and fill: > < ^ with ints, floats and strings.
v = 42
s = "ab"
f = 3.5
print(f"[{v:>5}] [{v:<5}] [{v:^5}] [{v:5}]")
print(f"[{s:>5}] [{s:<5}] [{s:^5}] [{s:5}]")
print(f"[{f:>6}] [{f:<6}] [{f:^6}]")
print(f"[{v:*>6}] [{s:-<6}] [{s:.^7}] [{v:0>4}]")
print(f"[{s:^6}] [{'abc':^6}]")
print(f"[{-v:>5}] [{-v:=5}]")
print(f"[{'toolong':>3}]")
