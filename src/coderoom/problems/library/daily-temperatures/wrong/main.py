# Naive O(n^2): scans forward from every day; too slow on a long cooling spell.
import sys

data = sys.stdin.read().split()
n = int(data[0])
temps = list(map(int, data[1 : 1 + n]))
wait = [0] * n
for day in range(n):
    for later in range(day + 1, n):
        if temps[later] > temps[day]:
            wait[day] = later - day
            break
print(" ".join(map(str, wait)))
