# Wrong: on a repeat it restarts the window at the current character instead of just
# after the previous occurrence ("dvdf" gives 2, the answer is 3).
import sys

s = sys.stdin.readline().strip()
seen: set[str] = set()
best = 0
for ch in s:
    if ch in seen:
        seen = set()
    seen.add(ch)
    best = max(best, len(seen))
print(best)
