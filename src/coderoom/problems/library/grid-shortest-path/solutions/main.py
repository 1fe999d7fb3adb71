import sys
from collections import deque


def main() -> None:
    data = sys.stdin.read().split()
    r, c = int(data[0]), int(data[1])
    grid = "".join(data[2 : 2 + r])
    target = r * c - 1
    if grid[0] == "#" or grid[target] == "#":
        print(-1)
        return
    dist = [-1] * (r * c)
    dist[0] = 0
    queue = deque([0])
    while queue:
        cell = queue.popleft()
        if cell == target:
            break
        row, col = divmod(cell, c)
        for nr, nc in ((row - 1, col), (row + 1, col), (row, col - 1), (row, col + 1)):
            if 0 <= nr < r and 0 <= nc < c:
                nxt = nr * c + nc
                if dist[nxt] < 0 and grid[nxt] == ".":
                    dist[nxt] = dist[cell] + 1
                    queue.append(nxt)
    print(dist[target])


main()
