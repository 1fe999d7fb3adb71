files = []
try:
    while True:
        files.append(open("/dev/null"))
except OSError:
    print("limited:", len(files) < 300)
