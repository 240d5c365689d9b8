"""
section: A.2
title: Deadlock: two locks, opposite order
title.vi: Khoá chết: hai khoá, thứ tự ngược nhau
order: fixed

Two cooks share one kitchen with one `pan` and one `knife`, each a Lock.
alice takes the pan and then reaches for the knife; bob takes the knife
and then reaches for the pan. Each now holds what the other needs, and each
waits for the other to let go. Neither ever will: that is a deadlock.

Watch the lock panel and the wait-for graph: alice owns `pan` and waits on
`knife`, bob owns `knife` and waits on `pan`. The arrows close into a cycle,
alice to bob to alice, and parlab marks it as a deadlock. Nothing in the
program moves; the threads are not busy, they are blocked forever.

A real program would hang here, and so would this lesson if the threads
used a plain `acquire()`. So that it can end, each cook asks for the second
lock with a timeout: `acquire(timeout=...)` gives up after that long and
returns False. alice is the less patient one. When her wait runs out she
reports the failure and puts the pan down, which breaks the cycle: bob gets
the pan at once and finishes. Backing off like this is one cure. The usual
cure is simpler: make every thread take the locks in the same order (pan
before knife), so that a cycle can never form.

[vi]
Hai đầu bếp dùng chung một căn bếp có một cái chảo `pan` và một con dao
`knife`, mỗi thứ là một Lock. alice cầm chảo rồi với lấy dao; bob cầm dao rồi
với lấy chảo. Giờ mỗi người giữ đúng thứ người kia cần, và ai cũng chờ người
kia buông ra. Không ai buông cả: đó là khoá chết (deadlock).

Hãy xem bảng khoá và đồ thị chờ: alice giữ `pan` và chờ `knife`, bob giữ
`knife` và chờ `pan`. Các mũi tên khép lại thành một chu trình, từ alice sang
bob rồi về alice, và parlab đánh dấu đó là khoá chết. Chương trình đứng yên;
các luồng không bận tính toán, chúng bị chặn vĩnh viễn.

Một chương trình thật sẽ treo ở đây, và bài học này cũng vậy nếu các luồng
dùng `acquire()` thông thường. Để bài có thể kết thúc, mỗi đầu bếp xin khoá
thứ hai kèm thời hạn: `acquire(timeout=...)` bỏ cuộc sau khoảng thời gian đó
và trả về False. alice là người kém kiên nhẫn hơn. Khi hết thời gian chờ, cô
ấy báo thất bại và đặt chảo xuống, phá vỡ chu trình: bob lấy được chảo ngay
và làm xong. Lùi lại như vậy là một cách chữa. Cách chữa thường dùng còn đơn
giản hơn: bắt mọi luồng lấy khoá theo cùng một thứ tự (chảo trước, dao sau),
khi đó chu trình không bao giờ hình thành được.
"""
import time
from threading import Thread, Lock
from parlab import pause

pan = Lock()
knife = Lock()


def cook(who, first, first_name, second, second_name, patience):
    first.acquire()
    print(f"{who} holds the {first_name}")
    time.sleep(0.1)
    print(f"{who} waits for the {second_name}")
    if second.acquire(timeout=patience):
        print(f"{who} holds both and cooks")
        time.sleep(0.05)
        second.release()
        print(f"{who} is done")
    else:
        print(f"{who} gave up waiting for the {second_name}")
        print(f"{who} puts the {first_name} down")
    first.release()


if __name__ == "__main__":
    alice = Thread(target=cook, args=("alice", pan, "pan", knife, "knife", 0.4),
                   name="alice")
    bob = Thread(target=cook, args=("bob", knife, "knife", pan, "pan", 2.0),
                 name="bob")
    alice.start()
    time.sleep(0.05)
    bob.start()
    pause("alice has the pan, and bob is taking the knife. What happens next?",
          vi="alice đã cầm chảo, bob đang lấy dao. Chuyện gì sẽ xảy ra tiếp?")
    time.sleep(0.2)
    pause("Both are waiting. Can either of them ever go on?",
          vi="Cả hai đều đang chờ. Liệu có ai đi tiếp được không?")
    alice.join()
    bob.join()
    print("kitchen closed: alice backed off, bob cooked")
