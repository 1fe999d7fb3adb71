import sys


def level_order(tokens: list[str]) -> list[list[str]]:
    # tokens: level-order serialization, "null" for a missing child. Your code here.
    return []


for level in level_order(sys.stdin.read().split()):
    print(" ".join(level))
