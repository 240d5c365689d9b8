# refuse: any
# A shared array far beyond the size cap.
from multiprocessing import Array
print("started")
a = Array("i", 4000000000)
print("ESCAPED", len(a))
