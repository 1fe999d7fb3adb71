import sys


def count_islands(grid: list[str]) -> int:
    # grid[row][col] is "1" (land) or "0" (water). Your code here.
    return 0


data = sys.stdin.read().split()
print(count_islands(data[2 : 2 + int(data[0])]))
