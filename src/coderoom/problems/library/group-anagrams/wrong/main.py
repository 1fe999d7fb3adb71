# Naive: compares each word against every group found so far (O(n * groups)).
import sys

words = sys.stdin.read().split()[1:]
keys: list[str] = []
groups: list[list[str]] = []
for word in words:
    key = "".join(sorted(word))
    for index, existing in enumerate(keys):
        if existing == key:
            groups[index].append(word)
            break
    else:
        keys.append(key)
        groups.append([word])
for group in groups:
    print(" ".join(sorted(group)))
