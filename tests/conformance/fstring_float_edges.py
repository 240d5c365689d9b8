# Float formatting corners: rounding, huge and tiny values, inf and nan.
inf = 1e308 * 10
nan = inf - inf
print(f"{0.125:.2f} {0.375:.2f} {1.005:.2f} {2.5:.0f} {-2.5:.0f} {0.5:.0f}")
print(f"{1e22:.2f} {1e-7:f} {123456789.0:e} {9.99:.1f} {9.95:.1f}")
print(f"{3.14159:.3g} {1234.5:.3g} {0.0001:g} {1e-5:g} {123456.0:g} {1234567.0:.10g}")
print(f"{1e16:g} {1.0:g} {10.0:g} {0.1:G} {1e-10:G}")
print(f"{inf:f} {-inf:.2f} {nan:f} {inf:e} {inf:>6} {nan:g} {-inf:%}")
print(f"{2.0:.0e} {12.5:.0e} {0.000001:.3e}")
print(f"{1.5:%} {0.00001:.2%} {-0.5:.0%}")
print(f"{1 / 3:.15f} {2 / 3:.17g} {0.1:.20f}")
