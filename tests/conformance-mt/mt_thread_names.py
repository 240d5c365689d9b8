"""
order: fixed
"""
import threading


def work():
    pass


a = threading.Thread(target=work)
b = threading.Thread(target=work, name="bob")
c = threading.Thread()
print(a.name, "|", b.name, "|", c.name)
print(threading.current_thread().name)
print(a.is_alive(), a.daemon)
d = threading.Thread(target=work, daemon=True)
print(d.daemon, d.native_id)
a.start()
a.join()
print(a.is_alive(), a.native_id is not None)
try:
    a.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    c.join()
except RuntimeError as e:
    print("RuntimeError:", e)
