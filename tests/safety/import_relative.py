# refuse: check
# Relative imports have no place in a lesson.
from . import os_system
print("started")
print("ESCAPED")
