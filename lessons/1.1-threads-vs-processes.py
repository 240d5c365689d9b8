"""
section: 1.1
title: Threads and processes
title.vi: Luồng và tiến trình
order: fixed

A process is a running program with memory of its own. A thread is one line
of execution inside a process; every thread of a process reads and writes
the same memory.

This lesson keeps a guest book: a global list called `guests`. Two threads,
alice and bob, each write their name into it. Then two processes, carol and
dave, each do the same. Watch the timeline: alice and bob appear under the
main process and show its PID; carol and dave get PIDs of their own, and
each carries a private copy of the guest book, drawn next to the original.

The threads see each other's names because there is only one list. Each
process starts from a copy of the parent's memory at the moment it was
forked, so carol never sees dave, dave never sees carol, and the parent
sees neither of them. To share data between processes you need the tools of
lesson 3.1 (shared arrays) or 3.2 (queues).

[vi]
Tiến trình (process) là một chương trình đang chạy, có vùng nhớ riêng của
nó. Luồng (thread) là một dòng thực thi bên trong tiến trình; mọi luồng của
cùng một tiến trình đọc và ghi chung một vùng nhớ.

Bài này dùng một cuốn sổ khách: danh sách toàn cục `guests`. Hai luồng alice
và bob lần lượt ghi tên mình vào sổ. Sau đó hai tiến trình carol và dave
cũng làm y như vậy. Hãy quan sát dòng thời gian: alice và bob nằm dưới tiến
trình chính và mang PID của nó; carol và dave có PID riêng, và mỗi tiến
trình giữ một bản sao riêng của cuốn sổ, hiển thị cạnh bản gốc.

Hai luồng thấy tên của nhau vì chỉ có đúng một danh sách. Còn mỗi tiến trình
bắt đầu từ bản sao bộ nhớ của tiến trình cha tại thời điểm fork, nên carol
không bao giờ thấy dave, dave không thấy carol, và tiến trình cha chẳng thấy
ai trong hai người. Muốn chia sẻ dữ liệu giữa các tiến trình, cần đến công cụ
của bài 3.1 (mảng dùng chung) hoặc bài 3.2 (hàng đợi).
"""
import os
import time
from threading import Thread
from multiprocessing import Process
from parlab import pause

guests = ["host"]
host_pid = os.getpid()


def sign_as_thread(who, wait):
    guests.append(who)
    time.sleep(wait)
    same = "yes" if os.getpid() == host_pid else "no"
    print(f"thread {who}: runs inside the main process: {same}")
    print(f"thread {who}: sees {sorted(guests)}")


def sign_as_process(who, wait):
    guests.append(who)
    time.sleep(wait)
    own = "yes" if os.getpid() != host_pid else "no"
    child = "yes" if os.getppid() == host_pid else "no"
    print(f"process {who}: has a PID of its own: {own}", flush=True)
    print(f"process {who}: its parent is the main process: {child}", flush=True)
    print(f"process {who}: sees {sorted(guests)}", flush=True)


if __name__ == "__main__":
    alice = Thread(target=sign_as_thread, args=("alice", 0.1), name="alice")
    bob = Thread(target=sign_as_thread, args=("bob", 0.2), name="bob")
    alice.start()
    bob.start()
    pause("Both threads write into one list. Whose names will alice see?",
          vi="Hai luồng cùng ghi vào một list. alice sẽ thấy tên những ai?")
    alice.join()
    bob.join()
    print(f"main after the threads: {sorted(guests)}", flush=True)

    carol = Process(target=sign_as_process, args=("carol", 0.1), name="carol")
    dave = Process(target=sign_as_process, args=("dave", 0.2), name="dave")
    carol.start()
    dave.start()
    pause("Now two processes sign. Will carol see dave? Will main see either?",
          vi="Giờ hai tiến trình ký tên. carol có thấy dave? Còn main thì sao?")
    carol.join()
    dave.join()
    print(f"main after the processes: {sorted(guests)}", flush=True)
    pause("The parent's list has not changed. Why not?",
          vi="Danh sách của tiến trình cha vẫn y như cũ. Tại sao vậy?")
