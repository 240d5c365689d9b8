# Names in a class body: later attributes can use earlier ones.
class Grid:
    rows = 3
    cols = rows + 1
    cells = rows * cols
    label = "grid " + str(cells)
    def size(self):
        return self.rows * self.cols
g = Grid()
print(Grid.cols, Grid.cells, g.label, g.size())
Grid.rows = 10
print(g.size(), Grid.cells)
