# Naive O(n^2): extends every start to every end; too slow for n = 100 000.
import sys

data = sys.stdin.read().split()
n = int(data[0])
a = list(map(int, data[1 : 1 + n]))
best = a[0] if a else 0
for i in range(n):
    total = 0
    for j in range(i, n):
        total += a[j]
        best = max(best, total)
print(best)
