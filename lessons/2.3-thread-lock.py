"""
section: 2.3
title: Thread lock
title.vi: Khoá luồng
order: fixed

Lesson 2.2 let two countdowns overlap. Sometimes a job must run start to
finish without anyone else in the middle. A `threading.Lock` does that: at
most one thread owns it; any other thread that asks for it blocks until the
owner lets go.

Here the lock is called `microphone`: only the thread holding it may count
aloud. alice takes it first and keeps it for her whole countdown. bob asks
for it a moment later. Watch the lock panel: alice is the owner and bob sits
in its queue of waiters; on the timeline bob's bar turns to "blocked" and
stays that way for as long as alice counts. The instant alice releases the
microphone, bob becomes the owner and starts.

`with microphone:` takes the lock and gives it back when the block ends,
even if the code inside fails; that is safer than pairing `acquire()` and
`release()` by hand. Finally the main thread joins both workers, so it ends
only after bob has said his last number.

Note what the lock costs: the two countdowns now take twice as long as in
lesson 2.2. Hold a lock for as short a time as you can.

[vi]
Ở bài 2.2 hai lượt đếm chạy chồng lên nhau. Nhưng đôi khi một công việc phải
chạy trọn vẹn từ đầu đến cuối, không để ai chen vào giữa. `threading.Lock`
làm được điều đó: tại mỗi thời điểm chỉ một luồng sở hữu khoá; luồng nào
khác xin khoá sẽ bị chặn lại cho đến khi chủ khoá nhả ra.

Ở đây khoá được đặt tên là `microphone`: chỉ luồng đang cầm micro mới được
đếm to. alice lấy micro trước và giữ nó suốt lượt đếm của mình. bob xin micro
ngay sau đó. Hãy nhìn bảng khoá: alice là chủ khoá, còn bob nằm trong hàng
chờ; trên dòng thời gian, thanh của bob chuyển sang trạng thái "bị chặn" và
giữ nguyên như vậy chừng nào alice còn đếm. Ngay khi alice trả micro, bob trở
thành chủ khoá và bắt đầu đếm.

`with microphone:` lấy khoá và tự trả lại khi khối lệnh kết thúc, kể cả khi
mã bên trong gặp lỗi; cách này an toàn hơn tự ghép `acquire()` với
`release()`. Cuối cùng luồng chính gọi `join` cả hai luồng, nên nó chỉ kết
thúc sau khi bob đã đọc con số cuối cùng.

Hãy để ý cái giá của khoá: hai lượt đếm giờ mất gấp đôi thời gian so với bài
2.2. Chỉ nên giữ khoá trong thời gian ngắn nhất có thể.
"""
import time
from threading import Thread, Lock
from parlab import pause

microphone = Lock()


class Speaker(Thread):
    def __init__(self, name, count):
        super().__init__(name=name)
        self.count = count

    def run(self):
        print(f"{self.name}: wants the microphone")
        with microphone:
            print(f"{self.name}: has the microphone")
            while self.count > 0:
                time.sleep(0.05)
                print(f"{self.name}: {self.count}")
                self.count -= 1
            print(f"{self.name}: gives the microphone back")


if __name__ == "__main__":
    alice = Speaker("alice", 5)
    bob = Speaker("bob", 5)
    alice.start()
    time.sleep(0.025)
    bob.start()
    pause("alice holds the microphone and bob asks for it. What will bob do?",
          vi="alice đang cầm micro còn bob đang xin lấy. bob sẽ làm gì?")
    alice.join()
    pause("alice is done. Who owns the microphone now?",
          vi="alice đã nói xong. Giờ ai đang giữ micro?")
    bob.join()
    print("main: both speakers are done")
