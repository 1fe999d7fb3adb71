import os

written = 0
try:
    for i in range(100_000):
        with open(f"/tmp/f{i}", "wb") as f:
            f.write(b"x" * (1 << 20))
            written += 1
except OSError as exc:
    print("stopped:", exc.strerror)
