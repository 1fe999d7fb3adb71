import sys


def main() -> None:
    data = sys.stdin.read().split()
    r, c = int(data[0]), int(data[1])
    land = bytearray("".join(data[2 : 2 + r]), "ascii")
    islands = 0
    for start in range(r * c):
        if land[start] != ord("1"):
            continue
        islands += 1
        land[start] = ord("0")
        stack = [start]
        while stack:
            cell = stack.pop()
            row, col = divmod(cell, c)
            if row > 0 and land[cell - c] == 49:
                land[cell - c] = 48
                stack.append(cell - c)
            if row < r - 1 and land[cell + c] == 49:
                land[cell + c] = 48
                stack.append(cell + c)
            if col > 0 and land[cell - 1] == 49:
                land[cell - 1] = 48
                stack.append(cell - 1)
            if col < c - 1 and land[cell + 1] == 49:
                land[cell + 1] = 48
                stack.append(cell + 1)
    print(islands)


main()
