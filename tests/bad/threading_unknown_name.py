# expect: 2:23: error: 'threading.Barrier' is not available in lesson scripts
from threading import Barrier
