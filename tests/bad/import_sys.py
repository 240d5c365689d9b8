# expect: 3:8: error: module 'sys' is not available in lesson scripts
import time
import sys
