# refuse: check
# from subprocess import ...
from subprocess import call
print("started")
call("touch pwned", shell=True)
print("ESCAPED")
