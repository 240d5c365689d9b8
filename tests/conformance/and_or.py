# and/or return one of their operands and short-circuit.
print(0 or 5, 3 or 5, 0 and 5, 3 and 5)
print("" or "default", "x" or "y", [] or [1], None or 0)
print(1 and 2 and 3, 1 and 0 and 3, 0 or "" or None)
trace = []
def t(v):
    trace.append(v)
    return v
r = t(0) and t(1)
print(r, trace)
trace = []
r = t(1) or t(2)
print(r, trace)
trace = []
r = t(0) or t("") or t(7) or t(8)
print(r, trace)
