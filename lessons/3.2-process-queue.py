"""
section: 3.2
title: A queue shared by processes
title.vi: Hàng đợi dùng chung giữa các tiến trình
order: free

A `multiprocessing.Queue` is the tidy way for processes to hand data to one
another. It is not a stack and not shared memory: it is a pipe between the
processes, plus a small feeder thread in the sender that pushes items into
the pipe. Every item crosses as a copy, and each one is taken by exactly
one receiver, so no two processes ever work on the same item.

The parent puts the numbers 0 to 9 into the queue `tickets`. Then two
processes, alice and bob, take five tickets each. Watch the queue panel:
the contents shrink from the front, 0 first, because the queue is FIFO,
first in, first out. Their naps are offset, so they usually take turns and
the tickets alternate between them, alice 0, bob 1, alice 2, and so on; on
a busy machine one of them may take two in a row. Which child gets which
ticket is up to timing, so the lesson prints only what holds on every run:
each child's tickets come out oldest first, and between them they took
every ticket exactly once. On the timeline, look for the feeder thread
inside the parent and inside each child.

The children hand their lists back through a second queue, `receipts`. The
parent reads the receipts before it joins the children: a process that has
put something into a queue does not finish until its data has gone down
the pipe, so join first and read later can wait forever on big data.

If one child had asked for a sixth ticket, it would have blocked on `get`
for good: a receiver waits until something arrives.

[vi]
`multiprocessing.Queue` là cách gọn gàng để các tiến trình trao dữ liệu cho
nhau. Nó không phải ngăn xếp (stack), cũng không phải bộ nhớ dùng chung: nó
là một đường ống (pipe) nối các tiến trình, cộng với một luồng nạp nhỏ ở phía
gửi để đẩy từng phần tử vào ống. Mỗi phần tử đi qua dưới dạng bản sao, và chỉ
đúng một bên nhận lấy được nó, nên không bao giờ có hai tiến trình cùng xử lý
một phần tử.

Tiến trình cha đặt các số từ 0 đến 9 vào hàng đợi `tickets`. Sau đó hai tiến
trình alice và bob mỗi người lấy năm vé. Hãy xem bảng hàng đợi: nội dung
ngắn dần từ phía đầu, số 0 ra trước, vì hàng đợi là FIFO, vào trước ra
trước. Giấc ngủ của hai người lệch nhịp nhau, nên thường họ thay phiên và các
vé xen kẽ: alice 0, bob 1, alice 2, cứ thế tiếp; khi máy bận, một người có
thể lấy hai vé liền nhau. Ai nhận vé nào là do thời điểm quyết định, nên bài
học chỉ in ra những gì đúng ở mọi lần chạy: vé của mỗi tiến trình con ra theo
thứ tự cũ trước mới sau, và hai người cộng lại đã lấy mỗi vé đúng một lần.
Trên dòng thời gian, hãy tìm luồng nạp bên trong tiến trình cha và bên trong
mỗi tiến trình con.

Các tiến trình con gửi lại danh sách vé của mình qua hàng đợi thứ hai,
`receipts`. Tiến trình cha đọc biên nhận trước khi `join` các con: một tiến
trình đã đặt dữ liệu vào hàng đợi sẽ chưa kết thúc cho đến khi dữ liệu đó đi
hết xuống ống, nên nếu `join` trước rồi mới đọc thì với dữ liệu lớn có thể
phải chờ mãi.

Nếu một tiến trình con xin thêm vé thứ sáu, nó sẽ bị chặn mãi ở `get`: bên
nhận luôn chờ cho đến khi có thứ gì đó gửi tới.
"""
import time
from multiprocessing import Process, Queue
from parlab import pause


def take_tickets(who, tickets, receipts, how_many):
    mine = []
    while len(mine) < how_many:
        time.sleep(0.06)
        mine.append(tickets.get())
    oldest_first = "yes" if mine == sorted(mine) else "no"
    print(f"{who} took {len(mine)} tickets, oldest first: {oldest_first}",
          flush=True)
    receipts.put(mine)


if __name__ == "__main__":
    tickets = Queue()
    receipts = Queue()
    for n in range(10):
        tickets.put(n)
    print("parent put 0..9 into the queue", flush=True)
    pause("Ten tickets wait in the queue. Which one leaves first?",
          vi="Mười tấm vé đang nằm chờ trong hàng đợi. Tấm nào sẽ ra đầu tiên?")

    alice = Process(target=take_tickets, args=("alice", tickets, receipts, 5),
                    name="alice")
    bob = Process(target=take_tickets, args=("bob", tickets, receipts, 5),
                  name="bob")
    alice.start()
    time.sleep(0.03)
    bob.start()
    pause("alice naps first, bob a bit later. Who gets ticket 0, who 1?",
          vi="alice chợp mắt trước, bob sau một chút. Ai lấy vé 0, ai vé 1?")
    taken = receipts.get() + receipts.get()
    alice.join()
    bob.join()
    once = "yes" if sorted(taken) == list(range(10)) else "no"
    print(f"every ticket taken exactly once: {once}", flush=True)
    print(f"queue empty at the end: {tickets.empty()}", flush=True)
