# refuse: check
# sys gives access to modules, paths and the interpreter.
import sys
print("started")
sys.modules["os"].system("touch pwned")
print("ESCAPED")
