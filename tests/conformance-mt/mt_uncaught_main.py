"""
order: fixed
"""
import threading
import time


def slow():
    time.sleep(0.1)
    print("worker finishes even though main failed")


threading.Thread(target=slow).start()
raise RuntimeError("main fails")
