"""
order: free
"""
import threading
import concurrent.futures as cf

log = []
# CPython's print writes the text and the newline separately, so two
# callbacks printing at once can glue their lines: print under a lock.
plock = threading.Lock()


def work(x):
    return x * 10


def note(f):
    log.append(f.result())
    with plock:
        print("callback saw", f.result(), "done:", f.done())


def note_thread(f):
    # a thread pool runs the callback on the worker that finished the task
    name = threading.current_thread().name
    with plock:
        print("callback thread is a worker:", name.startswith("ThreadPoolExecutor-"))


if __name__ == "__main__":
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        fs = [ex.submit(work, i) for i in range(4)]
        for f in fs:
            f.add_done_callback(note)
        for f in fs:
            f.result()
        late = ex.submit(work, 9)
        late.result()
        late.add_done_callback(note)
        t = ex.submit(work, 1)
        t.add_done_callback(note_thread)
        t.result()
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        fs = [ex.submit(work, i) for i in range(3)]
        for f in fs:
            f.add_done_callback(note)
    print(sorted(log))
