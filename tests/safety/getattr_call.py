# refuse: check
# getattr reaches a forbidden member by a computed name.
import os
print("started")
getattr(os, "sys" + "tem")("touch pwned")
print("ESCAPED")
