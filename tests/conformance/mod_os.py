# os.getpid and os.getppid are stable positive numbers in one process.
import os
pid = os.getpid()
ppid = os.getppid()
print(pid > 0, ppid > 0, pid != ppid)
print(pid == os.getpid(), ppid == os.getppid())
