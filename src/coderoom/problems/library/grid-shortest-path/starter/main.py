import sys


def shortest_path(grid: list[str]) -> int:
    # grid[row][col] is "." (open) or "#" (wall). Your code here.
    return -1


data = sys.stdin.read().split()
print(shortest_path(data[2 : 2 + int(data[0])]))
