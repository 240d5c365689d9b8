"""
section: A.1
title: A race: the lost update
title.vi: Tranh chấp: cập nhật bị mất
order: fixed

Two threads, alice and bob, each add 1 to a shared counter five times, so
the counter should end at 10. Each increment is three steps: read the
counter into a local variable, do something else for a moment (here a short
sleep, standing for any call or I/O), then write the local value plus one
back. Nothing stops the other thread from running between the read and the
write.

Follow the two threads on the timeline and in the code pane. alice reads
0 into `seen`; while she naps, bob also reads 0; alice writes 1; bob writes
1 on top of it. Two increments happened and the counter moved by one: an
update is lost. In the step-by-step mode you can force this yourself: step
alice through her read, switch to bob and step him through his read, then
let both write. The first round ends at 5, not 10.

A bare `counter += 1` is the same three steps. Since CPython 3.10 a thread
switch happens only at calls, loop back edges and blocking operations, so
without the call in the middle the race hides: it seldom shows in a quick
test, yet it is still there. That is what makes races dangerous.

The second round wraps read, nap and write in `with guard:`, a Lock. Now
the three steps form one indivisible unit: bob waits on `guard` while alice
is between her read and her write. The counter reaches 10. The price is
that the threads no longer overlap inside the guarded part.

[vi]
Hai luồng alice và bob, mỗi luồng cộng 1 vào một biến đếm dùng chung năm
lần, nên biến đếm lẽ ra phải kết thúc ở 10. Mỗi lần cộng gồm ba bước: đọc
biến đếm vào một biến cục bộ, làm việc khác trong chốc lát (ở đây là một giấc
ngủ ngắn, đại diện cho bất kỳ lời gọi hàm hay thao tác I/O nào), rồi ghi lại
giá trị cục bộ cộng một. Không có gì ngăn luồng kia chạy xen vào giữa lúc đọc
và lúc ghi.

Hãy theo dõi hai luồng trên dòng thời gian và trong khung mã nguồn. alice
đọc được 0 vào `seen`; trong lúc cô ấy ngủ, bob cũng đọc được 0; alice ghi 1;
bob ghi 1 đè lên.
Hai lần cộng đã diễn ra mà biến đếm chỉ tăng một: một lần cập nhật bị mất.
Ở chế độ chạy từng bước, bạn có thể tự ép điều này xảy ra: cho alice đi qua
bước đọc, chuyển sang bob cho anh ấy đọc, rồi cho cả hai ghi. Vòng một kết
thúc ở 5 chứ không phải 10.

Lệnh `counter += 1` trần trụi cũng gồm đúng ba bước ấy. Từ CPython 3.10, luồng
chỉ được chuyển ở các lời gọi hàm, cuối vòng lặp và các thao tác chặn, nên
nếu không có lời gọi ở giữa thì lỗi tranh chấp ẩn đi: hiếm khi lộ ra khi thử
nhanh, nhưng nó vẫn ở đó. Đó chính là điều khiến tranh chấp nguy hiểm.

Vòng hai bọc cả đọc, ngủ và ghi trong `with guard:`, một Lock. Giờ ba bước
ấy thành một khối không thể chia cắt: bob phải chờ `guard` trong khi alice
đang ở giữa bước đọc và bước ghi. Biến đếm đạt 10. Cái giá là hai luồng không
còn chạy chồng lên nhau trong phần được bảo vệ.
"""
import time
from threading import Thread, Lock
from parlab import pause

counter = 0
guard = Lock()


def add_unsafely(times):
    global counter
    for i in range(times):
        seen = counter
        time.sleep(0.05)
        counter = seen + 1


def add_safely(times):
    global counter
    for i in range(times):
        with guard:
            seen = counter
            time.sleep(0.05)
            counter = seen + 1


def run_round(adder):
    global counter
    counter = 0
    alice = Thread(target=adder, args=(5,), name="alice")
    bob = Thread(target=adder, args=(5,), name="bob")
    alice.start()
    time.sleep(0.02)
    bob.start()
    alice.join()
    bob.join()
    return counter


if __name__ == "__main__":
    pause("Each thread will add 1 five times. Where will the counter end up?",
          vi="Mỗi luồng sẽ cộng 1 năm lần. Cuối cùng biến đếm sẽ là bao nhiêu?")
    got = run_round(add_unsafely)
    print(f"without a lock: expected 10, got {got}, lost {10 - got}")
    pause("Some updates were lost. Where exactly could bob slip in?",
          vi="Có lần cập nhật đã bị mất. bob đã chen vào đúng chỗ nào?")
    got = run_round(add_safely)
    print(f"with the lock: expected 10, got {got}, lost {10 - got}")
