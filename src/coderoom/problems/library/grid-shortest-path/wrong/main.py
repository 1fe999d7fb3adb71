# Wrong: depth-first search reports the length of the first path it finds, which is not
# necessarily the shortest one.
import sys

data = sys.stdin.read().split()
r, c = int(data[0]), int(data[1])
grid = data[2 : 2 + r]
answer = -1
if grid[0][0] == "." and grid[r - 1][c - 1] == ".":
    seen = {(0, 0)}
    stack = [(0, 0, 0)]
    while stack:
        row, col, steps = stack.pop()
        if (row, col) == (r - 1, c - 1):
            answer = steps
            break
        for nr, nc in ((row - 1, col), (row, col - 1), (row + 1, col), (row, col + 1)):
            if 0 <= nr < r and 0 <= nc < c and grid[nr][nc] == "." and (nr, nc) not in seen:
                seen.add((nr, nc))
                stack.append((nr, nc, steps + 1))
print(answer)
