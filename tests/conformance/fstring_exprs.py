# Expressions inside f-string fields: calls, attributes, indexing, strings.
def double(v):
    return v * 2
class P:
    def __init__(self):
        self.x = 10
p = P()
grid = [[1, 2], [3, 4]]
name = "Ann"
print(f"{double(21)} {p.x} {grid[1][0]} {grid[-1]}")
print(f"{name.upper()} {name.lower()} {len(name)}")
print(f"{'inner'} {'-'.join(['a', 'b'])}")
print(f"{name + '!'} {[i * i for i in range(4)]}")
print(f"{p.x:>5} {double(2.5):.2f}")
print(f"{str(3)} {repr('q')}")
