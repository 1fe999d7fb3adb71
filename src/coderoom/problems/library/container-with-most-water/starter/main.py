import sys


def max_area(heights: list[int]) -> int:
    # Your code here.
    return 0


data = sys.stdin.read().split()
print(max_area(list(map(int, data[1 : 1 + int(data[0])]))))
