# Towers of Hanoi: recursion and a global move counter.
moves = 0
def hanoi(n, src, dst, via):
    global moves
    if n == 0:
        return
    hanoi(n - 1, src, via, dst)
    moves += 1
    if moves <= 8:
        print(f"move disk {n} from {src} to {dst}")
    hanoi(n - 1, via, dst, src)
hanoi(4, "A", "C", "B")
print("moves:", moves)
moves = 0
hanoi(10, "L", "R", "M")
print("moves:", moves)
