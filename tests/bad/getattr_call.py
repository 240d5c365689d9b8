# expect: 3:9: error: 'getattr' is not available: lesson scripts cannot reach files, commands or the interpreter
import time
sleep = getattr(time, 'sleep')
