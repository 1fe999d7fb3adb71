import sys


def group_anagrams(words: list[str]) -> list[list[str]]:
    # Your code here. Sort the words inside each group; the group order is free.
    return []


for group in group_anagrams(sys.stdin.read().split()[1:]):
    print(" ".join(group))
