import sys
from collections import defaultdict


def main() -> None:
    words = sys.stdin.read().split()[1:]
    groups: dict[str, list[str]] = defaultdict(list)
    for word in words:
        groups["".join(sorted(word))].append(word)
    sys.stdout.write("".join(" ".join(sorted(group)) + "\n" for group in groups.values()))


main()
