# Runs twice on the same slot (which keeps its network namespace): whatever the first run
# leaves behind — a TCP listener, an abstract unix socket, a SysV shared memory segment, all
# held by a daemon — must be gone for the second.
import ctypes
import os
import socket
import time

PORT = 4242
ABSTRACT = b"\0coderoom-leftover"
SHM_KEY = 0xC0DE
libc = ctypes.CDLL(None, use_errno=True)

found = []
tcp = socket.socket()
tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    tcp.bind(("127.0.0.1", PORT))
except OSError:
    found.append("tcp")
unix = socket.socket(socket.AF_UNIX)
try:
    unix.connect(ABSTRACT)
    found.append("unix")
except OSError:
    unix = socket.socket(socket.AF_UNIX)
if libc.shmget(SHM_KEY, 0, 0) != -1:
    found.append("shm")
print("found " + ",".join(found) if found else "clean")

if "tcp" not in found:
    tcp.listen()
unix.bind(ABSTRACT)
unix.listen()
libc.shmget(SHM_KEY, 4096, 0o1666)  # IPC_CREAT | 0666: outlives its creator
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(600)
    os._exit(0)
