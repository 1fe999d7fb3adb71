# Naive: sorts everything seen so far after every arrival (O(n^2 log n)).
import sys

data = sys.stdin.read().split()
n = int(data[0])
seen: list[int] = []
out = []
for value in map(int, data[1 : 1 + n]):
    seen.append(value)
    seen.sort()
    m = len(seen) // 2
    median = seen[m] if len(seen) % 2 else (seen[m - 1] + seen[m]) / 2
    out.append(f"{median:.1f}")
print("\n".join(out))
