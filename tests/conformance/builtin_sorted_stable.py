# sorted is stable: equal keys keep their input order, also with reverse.
recs = [("ann", 3), ("bob", 1), ("cid", 3), ("dee", 2), ("eve", 1)]
def score(r):
    return r[1]
for r in sorted(recs, key=score):
    print(r[0], r[1])
print([r[0] for r in sorted(recs, key=score, reverse=True)])
def first_letter(s):
    return s[0]
print(sorted(["beta", "alpha", "bravo", "apple", "be"], key=first_letter))
