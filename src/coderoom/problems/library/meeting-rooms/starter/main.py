import sys


def min_rooms(meetings: list[tuple[int, int]]) -> int:
    # Each meeting is (start, end), half-open. Your code here.
    return 0


data = sys.stdin.read().split()
n = int(data[0])
print(min_rooms([(int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n)]))
