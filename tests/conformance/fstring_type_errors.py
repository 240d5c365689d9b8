# Format specs that a type does not accept.
def show(label, f):
    try:
        print(label, repr(f()))
    except TypeError as e:
        print(label, "TypeError:", e)
    except ValueError as e:
        print(label, "ValueError:", e)
def none_spec():
    return f"{None:>6}"
def list_spec():
    return f"{[1, 2]:>10}"
def int_prec():
    return f"{3:.2}"
def float_d():
    return f"{3.0:d}"
def str_sign():
    return f"{'x':+}"
def empty_ok():
    return f"{None:}"
show("None >6", none_spec)
show("list >10", list_spec)
show("int .2", int_prec)
show("float d", float_d)
show("str +", str_sign)
show("None empty", empty_ok)
