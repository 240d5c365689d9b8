# Every division by zero raises ZeroDivisionError with CPython's message.
def attempt(kind, a, b):
    try:
        if kind == "/":
            r = a / b
        elif kind == "//":
            r = a // b
        else:
            r = a % b
        print(kind, "gave", r)
    except ZeroDivisionError as e:
        print(kind, a, b, "->", e)

attempt("/", 1, 0)
attempt("//", 1, 0)
attempt("%", 1, 0)
attempt("/", 1.0, 0)
attempt("//", 2.5, 0.0)
attempt("%", 3.0, 0.0)
attempt("/", 5, 2)
