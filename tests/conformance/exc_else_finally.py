# else runs when no exception; finally runs always.
def run(v):
    try:
        r = 10 // v
    except ZeroDivisionError:
        print("  except")
        r = None
    else:
        print("  else", r)
    finally:
        print("  finally")
    return r
print(run(2))
print(run(0))
def only_finally():
    try:
        print("  body")
    finally:
        print("  cleanup")
only_finally()
try:
    try:
        raise ValueError("inner")
    finally:
        print("finally before propagation")
except ValueError as e:
    print("outer caught", e)
