import sys


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # Your code here.
    return []


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    intervals = [(int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n)]
    for a, b in merge(intervals):
        print(a, b)


main()
