import sys


def running_medians(values: list[int]) -> list[float]:
    # Return the median after each value. Your code here.
    return []


data = sys.stdin.read().split()
for median in running_medians(list(map(int, data[1 : 1 + int(data[0])]))):
    print(f"{median:.1f}")
