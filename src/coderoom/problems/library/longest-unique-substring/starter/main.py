import sys


def length_of_longest_substring(s: str) -> int:
    # Your code here.
    return 0


print(length_of_longest_substring(sys.stdin.readline().strip()))
