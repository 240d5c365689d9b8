# refuse: check
# os imported under another name, then a forbidden member.
import os as harmless
print("started")
harmless.system("touch pwned")
print("ESCAPED")
