# Naive O(n^2) double loop: correct answers, too slow for the large tests.
import sys

data = sys.stdin.read().split()
n = int(data[0])
values = list(map(int, data[1 : 1 + n]))
target = int(data[1 + n])
answer = "-1"
for j in range(n):
    for i in range(j):
        if values[i] + values[j] == target:
            answer = f"{i} {j}"
            break
    if answer != "-1":
        break
print(answer)
