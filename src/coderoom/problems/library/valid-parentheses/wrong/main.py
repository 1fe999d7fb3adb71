# Wrong: only counts brackets of each type, ignores their order ("([)]" passes).
import sys

s = sys.stdin.readline().strip()
ok = all(s.count(o) == s.count(c) for o, c in ("()", "[]", "{}"))
print("true" if ok else "false")
