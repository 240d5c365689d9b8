# expect: 3:1: error: 'os.system' is not available in lesson scripts
import os
os.system('ls')
