# TypeError messages from builtins and methods given the wrong kind of value.
def show(label, thunk):
    try:
        thunk()
        print(label, "no error")
    except TypeError as e:
        print(label, "TypeError:", e)
    except ValueError as e:
        print(label, "ValueError:", e)
def int_none():
    return int(None)
def float_list():
    return float([])
def range_float():
    return list(range(1.5))
def str_times_float():
    return "a" * 1.5
def index_float():
    k = 1.0
    return [1, 2][k]
def sorted_int():
    return sorted(5)
def for_int():
    for x in 5:
        pass
def unpack_int():
    a, b = 5
def abs_str():
    return abs("x")
def neg_list():
    return -[1]
def pop_str():
    return [1].pop("a")
def join_int():
    return "x".join(5)
def min_int():
    return min(5)
def print_sep():
    print("x", sep=5)
def len_none():
    return len()
def step_zero():
    return "abc"[1:2:0]
def tuple_plus_list():
    return (1, 2) + [3]
def list_plus_tuple():
    return [1] + (2,)
names = ["int_none", "float_list", "range_float", "str_times_float", "index_float", "sorted_int", "for_int", "unpack_int", "abs_str", "neg_list", "pop_str", "join_int", "min_int", "print_sep", "len_none", "step_zero", "tuple_plus_list", "list_plus_tuple"]
funcs = [int_none, float_list, range_float, str_times_float, index_float, sorted_int, for_int, unpack_int, abs_str, neg_list, pop_str, join_int, min_int, print_sep, len_none, step_zero, tuple_plus_list, list_plus_tuple]
for name, f in zip(names, funcs):
    show(name, f)
