# refuse: check
# Reaching the network through http.client.
from http.client import HTTPConnection
print("started")
HTTPConnection("127.0.0.1", 9).request("GET", "/")
print("ESCAPED")
