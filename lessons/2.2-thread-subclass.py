"""
section: 2.2
title: Subclassing Thread
title.vi: Kế thừa lớp Thread
order: free

The usual way to write a thread is a class that inherits from
`threading.Thread` and overrides `run`. You never call `run` yourself: you
call `start`, which creates the real OS thread, and that new thread calls
`run`. Calling `run` directly would just execute it in the caller's thread,
one after the other, with no concurrency at all.

Each `Countdown` here announces its start, counts down from 5, and
announces its end. Watch the timeline: alice's bar and bob's bar overlap.
Both start almost together, both sleep between numbers, and while one
sleeps the other can take the GIL and print. Which one prints first at each
step is not fixed, so compare runs: the same lines, in a different order.

At the end the main thread calls `join` on each worker: join blocks until
that thread's `run` has returned. On screen the main thread shows as
waiting on alice, then on bob.

[vi]
Cách viết luồng thường gặp là tạo một lớp kế thừa `threading.Thread` và ghi
đè phương thức `run`. Ta không tự gọi `run`: ta gọi `start`, hàm này tạo ra
luồng thật của hệ điều hành, và chính luồng mới đó sẽ gọi `run`. Nếu gọi
thẳng `run`, nó chỉ chạy trong luồng của người gọi, lần lượt từng cái một,
không có chút đồng thời nào.

Mỗi đối tượng `Countdown` ở đây báo bắt đầu, đếm ngược từ 5, rồi báo kết
thúc. Hãy nhìn dòng thời gian: thanh của alice và thanh của bob chồng lên
nhau. Cả hai bắt đầu gần như cùng lúc, cùng ngủ giữa các số, và khi luồng
này ngủ thì luồng kia có thể lấy GIL để in. Ở mỗi bước, ai in trước là không
cố định; chạy lại vài lần để so sánh: vẫn những dòng ấy, nhưng thứ tự khác.

Cuối cùng luồng chính gọi `join` trên từng luồng con: `join` chặn lại cho
đến khi `run` của luồng đó kết thúc. Trên màn hình, luồng chính hiện trạng
thái chờ alice, rồi chờ bob.
"""
import time
from threading import Thread
from parlab import pause


def say(line):
    # one write per line, so that two threads never glue their lines together
    print(line + "\n", end="")


class Countdown(Thread):
    def __init__(self, name, count):
        super().__init__(name=name)
        self.count = count

    def run(self):
        say(f"{self.name}: start")
        while self.count > 0:
            time.sleep(0.04)
            say(f"{self.name}: {self.count}")
            self.count -= 1
        say(f"{self.name}: end")


if __name__ == "__main__":
    alice = Countdown("alice", 5)
    bob = Countdown("bob", 5)
    pause("We called start(), not run(). What would calling run() directly do?",
          vi="Ta gọi start(), không gọi run(). Gọi thẳng run() thì sao?")
    alice.start()
    bob.start()
    pause("Both threads are counting. Whose line comes next?",
          vi="Cả hai luồng đang đếm. Dòng tiếp theo sẽ là của ai?")
    alice.join()
    bob.join()
    print("main: both threads have ended")
