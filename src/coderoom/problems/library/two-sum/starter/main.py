import sys


def two_sum(values: list[int], target: int) -> tuple[int, int] | None:
    # Return (i, j) with i < j and values[i] + values[j] == target, or None.
    return None


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    values = list(map(int, data[1 : 1 + n]))
    target = int(data[1 + n])
    pair = two_sum(values, target)
    print(-1 if pair is None else f"{pair[0]} {pair[1]}")


main()
