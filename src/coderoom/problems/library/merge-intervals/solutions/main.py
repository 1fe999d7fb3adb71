import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    pairs = sorted((int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n))
    merged: list[list[int]] = []
    for a, b in pairs:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    sys.stdout.write("".join(f"{a} {b}\n" for a, b in merged))


main()
