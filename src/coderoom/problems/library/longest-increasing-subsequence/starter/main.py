import sys


def longest_increasing_subsequence(values: list[int]) -> int:
    # Your code here.
    return 0


data = sys.stdin.read().split()
print(longest_increasing_subsequence(list(map(int, data[1 : 1 + int(data[0])]))))
