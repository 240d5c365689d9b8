# refuse: check
# io.open is open under another name.
import io
print("started")
io.open("pwned", "w").write("x")
print("ESCAPED")
