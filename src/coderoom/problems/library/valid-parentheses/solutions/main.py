import sys

CLOSE = {")": "(", "]": "[", "}": "{"}


def valid(s: str) -> bool:
    stack: list[str] = []
    for ch in s:
        if ch in CLOSE:
            if not stack or stack.pop() != CLOSE[ch]:
                return False
        else:
            stack.append(ch)
    return not stack


print("true" if valid(sys.stdin.readline().strip()) else "false")
