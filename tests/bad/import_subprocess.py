# expect: 2:8: error: module 'subprocess' is not available in lesson scripts
import subprocess
subprocess.run(['ls'])
