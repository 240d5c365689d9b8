"""
order: fixed
"""
import threading
import time


def forever():
    while True:
        time.sleep(0.01)


t = threading.Thread(target=forever, daemon=True)
t.start()
print("daemon started", t.daemon)
