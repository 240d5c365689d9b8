"""
traceback: frames
The exception is caught, kept, and raised again after the handler: the
traceback shows the raise line, then the original frames.
"""


def fail():
    raise ValueError("first")


def keep():
    try:
        fail()
    except ValueError as e:
        saved = e
    print("caught", saved)
    raise saved


keep()
