# Format specs on strings: width, fill, alignment, precision.
s = "thread"
print(f"[{s:10}] [{s:>10}] [{s:^10}] [{s:^11}]")
print(f"[{s:.3}] [{s:>8.2}] [{s:_<9}]")
print(f"[{'':3}] [{'x':3}]")
print(f"[{s:#^12}]")
print(f"[{'é':>3}] [{'日本':^6}]")
