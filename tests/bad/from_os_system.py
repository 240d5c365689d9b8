# expect: 2:24: error: 'os.system' is not available in lesson scripts
from os import getpid, system
