import socket

port = int(input())
results = []
s = socket.socket()
s.settimeout(1)
try:
    s.connect(("127.0.0.1", port))
    results.append("loopback:connected")
except OSError as exc:
    results.append("loopback:refused")
try:
    socket.getaddrinfo("example.com", 80)
    results.append("dns:resolved")
except OSError:
    results.append("dns:failed")
names = [name for _, name in socket.if_nameindex()]
results.append("interfaces:" + ",".join(names))
print(" ".join(results))
