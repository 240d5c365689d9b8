"""
order: fixed
threading.main_thread() is the thread that runs the module body, whichever
thread asks; in a forked child it is the thread that forked (CPython resets
it after fork), so a child started from a worker thread names that worker.
"""
import multiprocessing
import threading


def child(tag):
    m = threading.main_thread()
    c = threading.current_thread()
    print(tag, "child main:", m.name, "current:", c.name, m is c)


def worker():
    m = threading.main_thread()
    print("worker main:", m.name, "current:", threading.current_thread().name)
    print("worker sees the main thread:", m is main_obj, m is not threading.current_thread())
    p = multiprocessing.Process(target=child, args=("from-thread",))
    p.start()
    p.join()


if __name__ == "__main__":
    main_obj = threading.main_thread()
    print("main:", main_obj.name, main_obj is threading.current_thread())
    t = threading.Thread(target=worker, name="worker")
    t.start()
    t.join()
    p = multiprocessing.Process(target=child, args=("from-main",))
    p.start()
    p.join()
    print("main again:", threading.main_thread() is main_obj)
