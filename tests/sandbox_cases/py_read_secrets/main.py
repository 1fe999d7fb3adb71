import glob
import os

paths = [input().strip(), input().strip(), "/etc/shadow", "/root/.bashrc", "/proc/1/environ"]
paths += glob.glob("/work/**/secret_key", recursive=True) + glob.glob("/home/*/*")
for path in paths:
    try:
        with open(path, "rb") as f:
            print(path, f.read(200))
    except OSError as exc:
        print(path, "denied", exc.strerror)
print(sorted(os.environ))
