# refuse: check
# importlib can import anything by name.
import importlib
print("started")
importlib.import_module("os").system("touch pwned")
print("ESCAPED")
