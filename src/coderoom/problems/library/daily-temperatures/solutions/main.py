import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    temps = list(map(int, data[1 : 1 + n]))
    wait = [0] * n
    stack: list[int] = []
    for day, temp in enumerate(temps):
        while stack and temps[stack[-1]] < temp:
            earlier = stack.pop()
            wait[earlier] = day - earlier
        stack.append(day)
    print(" ".join(map(str, wait)))


main()
