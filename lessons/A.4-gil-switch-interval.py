"""
section: A.4
title: The GIL and its switch interval
title.vi: GIL và khoảng chuyển luồng
order: fixed

Each Python process has one GIL, a lock that a thread must hold to run
Python code. A thread gives it up whenever it blocks (sleep, lock, queue,
I/O). But a thread that only computes never blocks, so CPython adds a
timer: when another thread has been waiting for the GIL for the switch
interval, 5 ms by default, the running thread is asked to drop it at its
next safe point, and the waiter takes over.

alice and bob each run `work(0.2)`: 0.2 s of pure-Python computation. Zoom
into the timeline: the two bars are striped, alice and bob alternating in
slices of about 5 ms, and the GIL row shows the owner changing at every
stripe. Never are both running at once.

Two things follow, and the lesson measures both. First, taking turns is
not parallelism: the pair takes about 0.4 s, as long as doing the two jobs
one after the other. Second, the turns are fair: both threads finish near
the very end, instead of alice finishing at 0.2 s and bob at 0.4 s. That
fairness is what keeps a program responsive while a thread computes.

[vi]
Mỗi tiến trình Python có một GIL, một khoá mà luồng phải giữ thì mới được
chạy mã Python. Luồng nhả GIL mỗi khi bị chặn (sleep, khoá, hàng đợi, I/O).
Nhưng một luồng chỉ tính toán thì không bao giờ bị chặn, vì vậy CPython thêm
một bộ hẹn giờ: khi có luồng khác đã chờ GIL đủ một khoảng chuyển luồng (mặc
định 5 mili giây), luồng đang chạy được yêu cầu nhả GIL ở điểm an toàn kế
tiếp, và luồng đang chờ sẽ tiếp quản.

alice và bob mỗi người chạy `work(0.2)`: 0,2 giây tính toán bằng Python
thuần. Hãy phóng to dòng thời gian: hai thanh có dạng sọc, alice và bob thay
phiên nhau theo từng lát khoảng 5 mili giây, và hàng GIL cho thấy chủ khoá
đổi ở mỗi sọc. Không bao giờ có lúc cả hai cùng chạy.

Từ đó rút ra hai điều, và bài học đo cả hai. Thứ nhất, thay phiên không phải
là song song: cả hai mất khoảng 0,4 giây, bằng thời gian làm hai việc nối
tiếp nhau. Thứ hai, sự thay phiên là công bằng: cả hai luồng đều xong ở gần
cuối, thay vì alice xong lúc 0,2 giây còn bob lúc 0,4 giây. Chính sự công
bằng ấy giữ cho chương trình vẫn phản hồi được trong khi một luồng đang tính
toán.
"""
import time
from threading import Thread
from parlab import work, pause

finished_at = []


def compute(seconds, began):
    work(seconds)
    finished_at.append(time.perf_counter() - began)


def answer(holds):
    return "yes" if holds else "no"


if __name__ == "__main__":
    began = time.perf_counter()
    alice = Thread(target=compute, args=(0.2, began), name="alice")
    bob = Thread(target=compute, args=(0.2, began), name="bob")
    alice.start()
    bob.start()
    pause("Both threads only compute. Which one holds the GIL right now?",
          vi="Cả hai luồng chỉ tính toán. Lúc này luồng nào đang giữ GIL?")
    alice.join()
    bob.join()
    total = time.perf_counter() - began
    first = min(finished_at)
    print("two threads, 0.2 s of Python work each:")
    print(f"  together about as long as one after the other: " +
          f"{answer(total > 0.32)}")
    print(f"  both finished near the end, by taking turns: " +
          f"{answer(first > 0.75 * total)}")
    pause("They take turns every 5 ms. Is that running in parallel?",
          vi="Thay phiên nhau mỗi 5 mili giây: vậy có phải song song không?")
