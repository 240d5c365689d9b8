# str.format with format specs.
print("[{:>8}] [{:<8}] [{:^8}]".format("r", "l", "c"))
print("[{:8.3f}] [{:08.3f}] [{:.2e}]".format(3.14159, 2.5, 1234.5))
print("[{:5d}] [{:x}] [{:b}] [{:,}]".format(42, 255, 5, 1000000))
print("[{0:>5}] [{0:<5}] [{1:^7.2f}]".format(7, 1.005))
print("[{n:*^9}] [{v:+d}]".format(n="mid", v=3))
w = 6
print("[{:{}}]".format(12, w))
print("{:.1%}".format(0.5))
