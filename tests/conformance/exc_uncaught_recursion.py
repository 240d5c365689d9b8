# Unbounded recursion ends in RecursionError (exit 1), not a crash.
def down(n):
    return down(n + 1)
print("descending")
down(0)
