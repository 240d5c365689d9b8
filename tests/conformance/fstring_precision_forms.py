# Precision with and without a type letter, and the alternate form.
print(f"{123.456:.2g} {0.000012345:.3} {12345.6789:.3} {1e-5:.2} {100.0:.1}")
print(f"{1.5:#g} {2:#.3g} {0.5:.0%} {1e100:,.2f}"[:60])
print("{:,}".format(-1234.5678), f"{3:5.1f}|{-3:<+6}|{3:^+7}|{3.0:=+8.2f}|")
