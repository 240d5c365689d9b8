# int / int is correctly rounded, even when the ints do not fit a double.
print(3706778661852469502 / 239877)
print(4368298848596382913 / 107195)
print(1767001445449108185 / 719833)
print(3911404002529915158 / 986622)
print(10 ** 18 / 3, (2 ** 62 + 1) / 2, -(10 ** 17) / 7)
