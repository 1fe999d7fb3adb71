import os

pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print("few" if len(pids) <= 4 else f"many: {pids}")
print(os.getuid(), os.uname().nodename)
