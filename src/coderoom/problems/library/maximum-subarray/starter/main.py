import sys


def max_subarray(values: list[int]) -> int:
    # Your code here (return 0 for an empty list).
    return 0


data = sys.stdin.read().split()
print(max_subarray(list(map(int, data[1 : 1 + int(data[0])]))))
