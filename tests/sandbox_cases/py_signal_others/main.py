import ctypes
import os
import signal

pid = int(input())
for target in (pid, 1, -1):
    try:
        os.kill(target, signal.SIGKILL)
        print(target, "sent")
    except OSError as exc:
        print(target, exc.strerror)
libc = ctypes.CDLL(None, use_errno=True)
PTRACE_ATTACH = 16
rc = libc.ptrace(PTRACE_ATTACH, 1, 0, 0)
print("ptrace", rc, os.strerror(ctypes.get_errno()))
