import sys


def main() -> None:
    tokens = sys.stdin.read().split()
    if not tokens or tokens[0] == "null":
        return
    # The serialization is itself level order: rebuild depths while reading it.
    values = [tokens[0]]
    depth = [0]
    parent = 0
    i = 1
    while i < len(tokens):
        for _ in range(2):
            if i < len(tokens) and tokens[i] != "null":
                values.append(tokens[i])
                depth.append(depth[parent] + 1)
            i += 1
        parent += 1
    levels: list[list[str]] = [[] for _ in range(depth[-1] + 1)]
    for value, d in zip(values, depth):
        levels[d].append(value)
    sys.stdout.write("".join(" ".join(level) + "\n" for level in levels))


main()
