# Numeric literal forms: bases, underscores, float spellings.
print(0x1F, 0xff, 0o17, 0b101, 0XAB, 0O7, 0B11)
print(1_000_000, 0x_ff, 1_0.5, 1e3, 1E3, 1e-3, .5, 5., 0.0, 00)
print(1_000.000_1, 2e0, 3.0e+2)
