# refuse: check
# Reaching the network through urllib.
import urllib.request
print("started")
urllib.request.urlopen("http://127.0.0.1:9/")
print("ESCAPED")
