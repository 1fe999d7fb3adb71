# Wrong: assumes the intervals arrive sorted by start (never sorts them).
import sys

data = sys.stdin.read().split()
n = int(data[0])
merged: list[list[int]] = []
for k in range(n):
    a, b = int(data[1 + 2 * k]), int(data[2 + 2 * k])
    if merged and a <= merged[-1][1]:
        merged[-1][1] = max(merged[-1][1], b)
    else:
        merged.append([a, b])
print("\n".join(f"{a} {b}" for a, b in merged))
