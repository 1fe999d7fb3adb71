# Wrong: treats the serialization like a heap array (children of k at 2k+1 and 2k+2),
# which is only right while no null appears above the last level.
import sys

tokens = sys.stdin.read().split()
level_start, width = 0, 1
while level_start < len(tokens):
    row = [t for t in tokens[level_start : level_start + width] if t != "null"]
    if row:
        print(" ".join(row))
    level_start += width
    width *= 2
