import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    meetings = sorted((int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n))
    ends: list[int] = []
    for start, end in meetings:
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    print(len(ends))


main()
