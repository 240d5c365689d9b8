# assert passes silently or raises AssertionError with the message.
assert 1 + 1 == 2
assert True, "not shown"
try:
    assert 2 + 2 == 5, "arithmetic broke"
except AssertionError as e:
    print("caught:", e)
try:
    assert []
except AssertionError as e:
    print("empty message:", repr(str(e)))
n = 3
try:
    assert n < 0, f"n is {n}"
except AssertionError as e:
    print(e)
print("end")
