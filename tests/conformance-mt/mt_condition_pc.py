"""
order: free
"""
import threading

cv = threading.Condition()
items = []
done = False


def consumer(name):
    got = 0
    while True:
        with cv:
            while not items and not done:
                cv.wait()
            if not items and done:
                break
            items.pop(0)
            got += 1
    print(name + " finished\n", end="")
    return got


def producer():
    global done
    for i in range(50):
        with cv:
            items.append(i)
            cv.notify()
    with cv:
        done = True
        cv.notify_all()


cs = [threading.Thread(target=consumer, args=("c" + str(i),)) for i in range(3)]
for c in cs:
    c.start()
p = threading.Thread(target=producer)
p.start()
p.join()
for c in cs:
    c.join()
print("left", len(items))
