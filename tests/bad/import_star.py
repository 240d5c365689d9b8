# expect: 2:23: error: 'from ... import *' is not supported in lesson scripts
from threading import *
