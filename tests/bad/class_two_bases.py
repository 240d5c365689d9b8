# expect: 3:17: error: class 'W' may have only one base class in lesson scripts
from threading import Thread
class W(Thread, Exception):
    pass
