"""
order: free
"""
import threading
import time


def bad():
    raise ValueError("thread went wrong")


def good(n):
    time.sleep(0.05)
    print("good", n, "still runs")


t1 = threading.Thread(target=bad, name="breaker")
t2 = threading.Thread(target=good, args=(1,))
t1.start()
t2.start()
t1.join()
t2.join()
print("main ends normally")
