# expect: 3:21: error: expected ':'
from threading import Thread
class Worker(Thread)
    pass
