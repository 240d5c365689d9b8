# refuse: check
# Reaching the network with a socket.
import socket
print("started")
s = socket.socket()
s.connect(("127.0.0.1", 9))
print("ESCAPED")
