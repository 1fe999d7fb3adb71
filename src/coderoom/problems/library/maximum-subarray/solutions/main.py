import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    if n == 0:
        print(0)
        return
    best = current = int(data[1])
    for value in map(int, data[2 : 1 + n]):
        current = max(value, current + value)
        best = max(best, current)
    print(best)


main()
