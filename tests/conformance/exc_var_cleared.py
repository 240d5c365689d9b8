# The name bound by `except ... as e` is removed when the handler ends.
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("in handler:", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)
saved = None
try:
    raise TypeError("keep me")
except TypeError as exc:
    saved = exc
print(saved, saved.args)
