import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.close(1)
        os.close(2)
        while True:
            time.sleep(0.1)
    os._exit(0)
print("parent done")
