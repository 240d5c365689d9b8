# match, case, type and _ are ordinary names outside a match statement.
match = 3
case = [1, 2]
type_ = "t"
_ = "underscore"
def type_of(match, case=None):
    return match if case is None else case
print(match, case, _, type_of(5), type_of(1, "c"))
class Event:
    def __init__(self):
        self.match = "m"
        self.case = "c"
e = Event()
print(e.match + e.case)
for _ in range(2):
    print("loop", _)
