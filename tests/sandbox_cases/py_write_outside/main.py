targets = [input().strip(), "/usr/bin/evil", "/etc/passwd", "/evil", "/proc/sys/kernel/hostname"]
for path in targets:
    try:
        with open(path, "w") as f:
            f.write("owned")
        print(path, "WRITTEN")
    except OSError:
        print(path, "refused")
with open("/box/fine.txt", "w") as f:
    f.write("ok")
