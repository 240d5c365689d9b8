# Imports inside functions bind local names.
def now_positive():
    import time
    return time.time() > 0
def pid_ok():
    from os import getpid as gp
    return gp() > 0
print(now_positive(), pid_ok())
try:
    print(gp)
except NameError as e:
    print("NameError:", e)
