# Runs twice on the same warm slot (one user namespace for both runs): every kind of IPC
# object that outlives its creator — SysV message queue, semaphore set and shared memory,
# a POSIX message queue and POSIX shared memory — made by the first run must be gone for
# the second.
import ctypes
import os

KEY = 0xC0DF
libc = ctypes.CDLL(None, use_errno=True)
librt = ctypes.CDLL("librt.so.1", use_errno=True)
librt.mq_open.restype = ctypes.c_int
librt.mq_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
IPC_CREAT, O_CREAT, O_RDWR = 0o1000, 0o100, 0o2
MQ = b"/coderoom-leftover"

found = []
if libc.msgget(KEY, 0) != -1:
    found.append("msg")
if libc.semget(KEY, 0, 0) != -1:
    found.append("sem")
if libc.shmget(KEY, 0, 0) != -1:
    found.append("shm")
if librt.mq_open(MQ, O_RDWR, 0, None) != -1:
    found.append("mqueue")
if os.path.exists("/dev/shm/coderoom-leftover"):
    found.append("posix-shm")
print("found " + ",".join(found) if found else "clean")

libc.msgget(KEY, IPC_CREAT | 0o666)
libc.semget(KEY, 1, IPC_CREAT | 0o666)
libc.shmget(KEY, 4096, IPC_CREAT | 0o666)
librt.mq_open(MQ, O_CREAT | O_RDWR, 0o666, None)
with open("/dev/shm/coderoom-leftover", "w") as f:
    f.write("x")
