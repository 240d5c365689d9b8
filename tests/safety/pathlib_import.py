# refuse: check
# pathlib writes files.
from pathlib import Path
print("started")
Path("pwned").write_text("x")
print("ESCAPED")
