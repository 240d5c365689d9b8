# Default parameter values and keyword arguments.
def line(text, width=10, fill="-"):
    return fill * (width - len(text)) + text
print(line("ab"))
print(line("ab", 5))
print(line("ab", 6, "*"))
print(line("ab", fill="."))
print(line(width=4, text="z"))
print(line("q", fill="#", width=3))
def power(base, exp=2):
    return base ** exp
print(power(3), power(2, 5), power(exp=3, base=2))
