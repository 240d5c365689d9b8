# refuse: check
# ctypes calls C directly.
import ctypes
print("started")
ctypes.CDLL(None).system(b"touch pwned")
print("ESCAPED")
