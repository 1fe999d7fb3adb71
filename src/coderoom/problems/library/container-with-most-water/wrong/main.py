# Naive O(n^2): tries every pair; right answers, too slow for n = 100 000.
import sys

data = sys.stdin.read().split()
n = int(data[0])
h = list(map(int, data[1 : 1 + n]))
best = 0
for i in range(n):
    for j in range(i + 1, n):
        best = max(best, (j - i) * min(h[i], h[j]))
print(best)
