import sys


def is_valid(s: str) -> bool:
    # Your code here.
    return False


print("true" if is_valid(sys.stdin.readline().strip()) else "false")
