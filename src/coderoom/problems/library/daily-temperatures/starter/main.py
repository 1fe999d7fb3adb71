import sys


def daily_temperatures(temps: list[int]) -> list[int]:
    # Your code here.
    return [0] * len(temps)


data = sys.stdin.read().split()
print(" ".join(map(str, daily_temperatures(list(map(int, data[1 : 1 + int(data[0])]))))))
