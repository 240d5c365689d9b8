"""
section: 3.1
title: Sharing data between processes
title.vi: Chia sẻ dữ liệu giữa các tiến trình
order: fixed

Two processes, alice and then bob, each walk through a list of numbers and
flip the sign of every cell. A lock named `turn` makes bob wait until alice
is finished, so we know who goes first.

Round one hands them an ordinary list. Each forked child gets its own copy
of the parent's memory, so each flips its own private copy: alice turns
1..4 into -1..-4, and bob, starting again from the untouched 1..4, prints
-1..-4 as well. Watch the array panel: three separate rows, one for the
parent and one for each child, and only the child's own row changes. After
the join the parent's list still reads 1..4.

Round two uses `multiprocessing.Array('i', ...)`: four C ints in shared
memory. Now there is a single row on screen, and all three processes look
at it. alice flips 1..4 to -1..-4; bob flips those very cells back and prints
1..4; the parent then reads the cells both children wrote.

Sharing is sometimes what you need, for instance when several processes
each run one stage of a pipeline over the same data. But every shared cell
is a place where processes can step on each other, which is why the lock is
there. Share as little as you can.

[vi]
Hai tiến trình, alice rồi đến bob, lần lượt đi qua một danh sách số và đổi
dấu từng ô. Khoá `turn` buộc bob chờ alice làm xong, nên ta biết chắc ai đi
trước.

Vòng một đưa cho chúng một list bình thường. Mỗi tiến trình con được fork
ra nhận một bản sao riêng của bộ nhớ tiến trình cha, nên mỗi tiến trình đổi
dấu trên bản sao của chính mình: alice biến 1..4 thành -1..-4, còn bob bắt đầu
lại từ 1..4 nguyên vẹn nên cũng in ra -1..-4. Hãy xem bảng mảng: có ba hàng
riêng biệt, một của tiến trình cha và một cho mỗi con, và chỉ hàng của chính
tiến trình con đó thay đổi. Sau khi `join`, list của tiến trình cha vẫn là
1..4.

Vòng hai dùng `multiprocessing.Array('i', ...)`: bốn số nguyên C nằm trong
bộ nhớ dùng chung. Giờ trên màn hình chỉ còn một hàng, và cả ba tiến trình
cùng nhìn vào nó. alice đổi 1..4 thành -1..-4; bob đổi chính những ô đó trở
lại và in ra 1..4; sau đó tiến trình cha đọc các ô mà cả hai con đã ghi.

Chia sẻ đôi khi là cần thiết, chẳng hạn khi mỗi tiến trình phụ trách một
bước của một pipeline trên cùng dữ liệu. Nhưng mỗi ô dùng chung là một chỗ
các tiến trình có thể giẫm chân nhau, vì vậy mới cần khoá. Hãy chia sẻ càng
ít càng tốt.
"""
import time
from multiprocessing import Process, Array, Lock
from parlab import pause


def flip_signs(who, cells, turn):
    with turn:
        for i in range(len(cells)):
            time.sleep(0.05)
            cells[i] = -cells[i]
            print(f"{who}: {cells[i]}", flush=True)


def run_round(cells, turn):
    alice = Process(target=flip_signs, args=("alice", cells, turn),
                    name="alice")
    bob = Process(target=flip_signs, args=("bob", cells, turn), name="bob")
    alice.start()
    time.sleep(0.08)
    bob.start()
    alice.join()
    bob.join()


if __name__ == "__main__":
    turn = Lock()

    numbers = [1, 2, 3, 4]
    print(f"round one: a plain list {numbers}", flush=True)
    pause("alice flips the signs of her copy to -1..-4. What will bob print?",
          vi="alice đổi dấu bản sao của mình thành -1..-4. bob sẽ in ra gì?")
    run_round(numbers, turn)
    print(f"parent's list afterwards: {numbers}", flush=True)

    shared = Array("i", [1, 2, 3, 4])
    print(f"round two: a shared Array {shared[:]}", flush=True)
    pause("Same code, but with a shared Array. What will bob print this time?",
          vi="Vẫn đoạn mã ấy, nhưng với Array dùng chung. Giờ bob sẽ in gì?")
    run_round(shared, turn)
    print(f"shared array afterwards: {shared[:]}", flush=True)
    pause("Who wrote the numbers the parent sees?",
          vi="Ai đã ghi những con số mà tiến trình cha đang thấy?")
