# Integer format specs: d, x, X, o, b, # and signs.
n = 255
print(f"{n:d} {n:x} {n:X} {n:o} {n:b}")
print(f"{n:#x} {n:#o} {n:#b} {-n:x}")
print(f"{n:5d}| {n:<5d}| {n:05d} {-7:04d} {7:+d} {-7:+d} {7: d}")
print(f"{0:b} {1:08b} {1024:x}")
print(f"{n:e} {n:.1f} {n:g} {n:%}")
print(f"{True:d} {False:5d}")
