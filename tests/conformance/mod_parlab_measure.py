# parlab.measure(label, seconds) hands a duration to the UI: it prints
# nothing and returns None; its arguments are checked the same everywhere.
from parlab import measure
import parlab
print(measure("cpu: in a row", 0.5), parlab.measure("cpu: threads", 1))
print(measure("flag", True))
for label, secs in [(1, 2.0), ("x", "y"), ("x", None), (None, 0.1)]:
    try:
        measure(label, secs)
    except TypeError as e:
        print("TypeError:", e)
try:
    measure("x")
except TypeError:
    print("TypeError for one argument")
print("done")
