# Naive O(n^2): for every meeting, counts the meetings running at its start time.
import sys

data = sys.stdin.read().split()
n = int(data[0])
meetings = [(int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n)]
best = 0
for start, _ in meetings:
    best = max(best, sum(1 for s, e in meetings if s <= start < e))
print(best)
