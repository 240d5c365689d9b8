# A NameError caught, and its message.
def maybe(flag):
    if flag:
        value = "set"
    return value
print(maybe(True))
try:
    print(maybe(False))
except UnboundLocalError as e:
    print("caught:", e)
try:
    print(undefined_name_here)
except NameError as e:
    print("caught:", e)
