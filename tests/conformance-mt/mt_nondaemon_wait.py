"""
order: fixed
"""
import threading
import time


def late():
    time.sleep(0.1)
    print("late thread prints after main's last line")


threading.Thread(target=late).start()
print("main's last line")
