"""
section: 5
title: Queues between threads
title.vi: Hàng đợi giữa các luồng
order: fixed

The `queue` module gives threads a safe place to leave work for each other:
`put` and `get` take an internal lock, so two threads can never grab the
same item or lose one. It offers several disciplines. `Queue` is FIFO,
first in, first out: items leave in the order they arrived, like people in
a line. `LifoQueue` is LIFO, last in, first out: the newest item leaves
first, like a stack of plates.

Part one puts 1 to 5 into both kinds and takes everything out again; the
two columns are printed side by side. Watch the two queue panels empty from
opposite ends.

A word about plain lists: `list.pop()` from the end is cheap, O(1), so a
list is already a good stack; only `list.pop(0)` from the front is O(n),
because every other element moves. The reason to use `queue` here is not
speed but safety between threads, and blocking: `get` on an empty queue
waits until another thread puts something.

Part two is a small work queue holding 15, 10, 5 and 2. Task "one" runs in
a thread pool and drains it, adding up what it takes: 32. Task "two" runs
afterwards on the same queue and finds it empty, so it has nothing to do.
Watch the queue panel shrink item by item while "one" works, and stay empty
when "two" looks. Checking `empty()` and then calling `get()` is safe here
only because one task drains at a time: with several takers, another could
empty the queue between the two calls, and `get()` would block.

[vi]
Module `queue` cho các luồng một chỗ an toàn để gửi việc cho nhau: `put` và
`get` dùng một khoá bên trong, nên hai luồng không bao giờ cùng lấy một phần
tử hay làm mất phần tử nào. Module này có nhiều kiểu thứ tự. `Queue` là FIFO,
vào trước ra trước: phần tử rời hàng theo đúng thứ tự đã vào, như người xếp
hàng. `LifoQueue` là LIFO, vào sau ra trước: phần tử mới nhất ra trước, như
một chồng đĩa.

Phần một đặt các số 1 đến 5 vào cả hai loại rồi lấy hết ra; hai cột được in
cạnh nhau. Hãy xem hai bảng hàng đợi vơi dần từ hai đầu ngược nhau.

Một lưu ý về list thông thường: `list.pop()` lấy ở cuối rất rẻ, O(1), nên
list vốn đã là một ngăn xếp tốt; chỉ `list.pop(0)` lấy ở đầu mới tốn O(n), vì
mọi phần tử còn lại phải dịch chuyển. Lý do dùng `queue` ở đây không phải tốc
độ, mà là sự an toàn giữa các luồng, và khả năng chờ: `get` trên hàng đợi
rỗng sẽ đợi cho đến khi một luồng khác đặt phần tử vào.

Phần hai là một hàng đợi công việc chứa 15, 10, 5 và 2. Tác vụ "one" chạy
trong một thread pool và lấy hết hàng đợi, cộng dồn những gì lấy được: 32.
Tác vụ "two" chạy sau đó trên cùng hàng đợi và thấy nó đã rỗng, nên không có
gì để làm. Hãy xem bảng hàng đợi ngắn dần từng phần tử khi "one" làm việc, và
vẫn trống khi "two" nhìn vào. Kiểm tra `empty()` rồi mới gọi `get()` chỉ an
toàn ở đây vì mỗi lúc chỉ có một tác vụ lấy hàng: nếu có nhiều bên cùng lấy,
một bên khác có thể lấy hết hàng đợi xen giữa hai lời gọi, và `get()` sẽ bị
chặn.
"""
import time
import queue
import concurrent.futures as futures
from parlab import pause


def drain(name, jobs):
    total = 0
    while not jobs.empty():
        item = jobs.get()
        total += item
        print(f"task {name} takes {item}, {jobs.qsize()} left")
        time.sleep(0.03)
    return total


def run_task(name, jobs, pool):
    if jobs.empty():
        print(f"task {name}: the queue is empty, nothing to do")
        return 0
    print(f"task {name}: submitting to the pool")
    total = pool.submit(drain, name, jobs).result()
    print(f"task {name}: total {total}")
    return total


if __name__ == "__main__":
    line = queue.Queue()
    plates = queue.LifoQueue()
    for n in range(1, 6):
        line.put(n)
        plates.put(n)
    pause("Both queues got 1, 2, 3, 4, 5. What leaves each one first?",
          vi="Hai hàng đợi đều nhận 1..5. Mỗi hàng trả ra số nào trước?")
    print("FIFO  LIFO")
    while not line.empty():
        print(f"{line.get():>4}  {plates.get():>4}")

    jobs = queue.Queue()
    for item in [15, 10, 5, 2]:
        jobs.put(item)
    with futures.ThreadPoolExecutor(max_workers=2) as pool:
        first = run_task("one", jobs, pool)
        pause("Task one has emptied the queue. What will task two find?",
              vi="Tác vụ one đã lấy sạch hàng đợi. Tác vụ two sẽ thấy gì?")
        second = run_task("two", jobs, pool)
    print(f"totals: one {first}, two {second}")
