import os

found = [p for p in ("/box/leftover", "/tmp/leftover") if os.path.exists(p)]
print("found" if found else "clean")
for p in ("/box/leftover", "/tmp/leftover"):
    with open(p, "w") as f:
        f.write("for the next run")
