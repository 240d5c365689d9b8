# raise with a class instead of an instance.
try:
    raise ValueError
except ValueError as e:
    print("caught", repr(str(e)), e.args)
class Stop(Exception):
    pass
try:
    raise Stop
except Stop as e:
    print("stop", e.args)
