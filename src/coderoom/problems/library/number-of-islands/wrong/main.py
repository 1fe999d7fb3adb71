# Naive: recursive flood fill; a large island exceeds Python's recursion limit.
import sys

data = sys.stdin.read().split()
r, c = int(data[0]), int(data[1])
grid = [list(row) for row in data[2 : 2 + r]]


def sink(row: int, col: int) -> None:
    if 0 <= row < r and 0 <= col < c and grid[row][col] == "1":
        grid[row][col] = "0"
        sink(row - 1, col)
        sink(row + 1, col)
        sink(row, col - 1)
        sink(row, col + 1)


islands = 0
for i in range(r):
    for j in range(c):
        if grid[i][j] == "1":
            islands += 1
            sink(i, j)
print(islands)
