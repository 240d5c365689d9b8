# expect: 3:12: error: invalid syntax
from threading import Thread
t = Thread target=f
