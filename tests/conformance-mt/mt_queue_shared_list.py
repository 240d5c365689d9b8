"""
order: fixed
"""
import queue
import threading

box = [1, 2]
inbox = queue.Queue()
done = queue.Queue()


def worker():
    item = inbox.get()
    item.append(3)
    item[0] = 100
    done.put(item is box)


t = threading.Thread(target=worker)
t.start()
inbox.put(box)
same = done.get()
t.join()
print(same)
print(box)
pair = ([], "tag")
inbox.put(pair)
back = inbox.get()
back[0].append("seen")
print(pair, back is pair)
