import sys


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    values = list(map(int, data[1 : 1 + n]))
    target = int(data[1 + n])
    first: dict[int, int] = {}
    for j, value in enumerate(values):
        i = first.get(target - value)
        if i is not None:
            print(i, j)
            return
        first.setdefault(value, j)
    print(-1)


main()
