"""
section: A.3
title: Producer and consumer on a bounded shelf
title.vi: Nhà sản xuất và người tiêu dùng với kệ có giới hạn
order: fixed

A baker puts loaves on a shelf that holds at most three; a customer takes
them off, one at a time, more slowly than the baker bakes. Two rules keep
them honest: the baker must not put a loaf on a full shelf, and the
customer must not take from an empty one.

The shelf is a plain list, and one `Condition` named `shelf_changed`
guards it. A Condition is a lock plus a waiting room. Whoever holds the
lock may look at the shelf; if they cannot go on, `wait()` releases the lock
and sleeps in the waiting room until someone calls `notify()`. On waking,
the thread holds the lock again and checks the shelf once more (in a
`while` loop, never a plain `if`: the state may have changed again, and
wake-ups may be spurious).

Watch the shelf fill to three at once. Then the baker's bar turns to
"waiting" on `shelf_changed`, and every time the customer takes a loaf and
notifies, the baker wakes, adds exactly one loaf, and waits again. The
slow consumer sets the pace; the fast producer never runs more than three
loaves ahead. When the baker is done, the customer empties the shelf.

`queue.Queue(maxsize=3)` does exactly this for you, with a lock and two
conditions inside; here you see the machinery.

[vi]
Một thợ làm bánh đặt bánh mì lên một cái kệ chỉ chứa tối đa ba ổ; một khách
hàng lấy bánh xuống, mỗi lần một ổ, chậm hơn tốc độ nướng bánh. Hai quy tắc
giữ cho mọi thứ đúng: thợ làm bánh không được đặt bánh lên kệ đã đầy, và
khách hàng không được lấy từ kệ trống.

Kệ là một list bình thường, được bảo vệ bởi một `Condition` tên là
`shelf_changed`. Condition gồm một khoá cộng với một phòng chờ. Ai giữ khoá
thì được nhìn vào kệ; nếu chưa thể làm tiếp, `wait()` nhả khoá và ngủ trong
phòng chờ cho đến khi có người gọi `notify()`. Khi thức dậy, luồng lại giữ
khoá và kiểm tra kệ thêm một lần nữa (trong vòng lặp `while`, không bao giờ
chỉ dùng `if`: trạng thái có thể đã đổi lần nữa, và có thể bị đánh thức
nhầm).

Hãy xem kệ đầy ba ổ ngay lập tức. Sau đó thanh của thợ làm bánh chuyển sang
trạng thái "chờ" trên `shelf_changed`, và mỗi lần khách lấy một ổ rồi gọi
notify, thợ làm bánh thức dậy, đặt thêm đúng một ổ, rồi lại chờ. Người tiêu
dùng chậm quyết định nhịp độ; nhà sản xuất nhanh không bao giờ đi trước quá
ba ổ. Khi thợ làm bánh xong việc, khách hàng lấy hết bánh trên kệ.

`queue.Queue(maxsize=3)` làm đúng việc này giúp bạn, với một khoá và hai
condition bên trong; ở đây bạn được thấy bộ máy đó vận hành.
"""
import time
from threading import Thread, Condition
from parlab import pause

CAPACITY = 3
LOAVES = 7
shelf = []
shelf_changed = Condition()


def bake():
    for loaf in range(1, LOAVES + 1):
        with shelf_changed:
            while len(shelf) == CAPACITY:
                print(f"baker waits: the shelf is full {shelf}")
                shelf_changed.wait()
            shelf.append(loaf)
            print(f"baker puts loaf {loaf}: {shelf}")
            shelf_changed.notify()


def buy():
    for i in range(LOAVES):
        time.sleep(0.05)
        with shelf_changed:
            while len(shelf) == 0:
                print("customer waits: the shelf is empty")
                shelf_changed.wait()
            loaf = shelf.pop(0)
            print(f"customer takes loaf {loaf}: {shelf}")
            shelf_changed.notify()


if __name__ == "__main__":
    baker = Thread(target=bake, name="baker")
    customer = Thread(target=buy, name="customer")
    baker.start()
    customer.start()
    pause("The baker is quick; the shelf holds three. What if it is full?",
          vi="Thợ làm bánh rất nhanh, kệ chỉ chứa ba ổ. Kệ đầy thì sao?")
    baker.join()
    pause("The baker has finished. Who still has work to do?",
          vi="Thợ làm bánh đã xong việc. Ai vẫn còn việc phải làm?")
    customer.join()
    print(f"shop closed, shelf {shelf}")
