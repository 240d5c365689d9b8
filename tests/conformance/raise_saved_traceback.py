"""
traceback: frames
`raise e` of an exception caught earlier: the raising frame gets a new
traceback entry at the raise line, in front of the entries e already has
(a bare `raise` adds none).
"""


def fail(n):
    raise ValueError("failure " + str(n))


def catch_then_raise():
    try:
        fail(1)
    except ValueError as e:
        saved = e
    print("caught", saved)
    raise saved


def raise_in_handler():
    try:
        fail(2)
    except ValueError as e:
        print("handler sees", e)
        raise e


def bare_reraise():
    try:
        fail(3)
    except ValueError:
        raise


kept = []


def keep():
    try:
        fail(4)
    except ValueError as e:
        kept.append(e)


def raise_kept():
    raise kept[0]


for f in (catch_then_raise, raise_in_handler, bare_reraise):
    try:
        f()
    except ValueError as e:
        print(f.__name__, "->", e)

keep()
try:
    raise_kept()
except ValueError as e:
    print("kept ->", e)
    again = e

print("last one")
raise again
