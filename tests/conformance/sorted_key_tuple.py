# A key that returns a tuple sorts on several fields.
people = [("ann", 30), ("bob", 25), ("cat", 30), ("dan", 25), ("eve", 35)]
def age_then_name(p):
    return (p[1], p[0])
def neg_age_then_name(p):
    return (-p[1], p[0])
print(sorted(people, key=age_then_name))
print(sorted(people, key=neg_age_then_name))
print(sorted(people))
print(sorted([[3, "b"], [1, "z"], [3, "a"]]))
