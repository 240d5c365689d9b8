"""
section: 3
title: Processes
title.vi: Tiến trình
order: free

`multiprocessing.Process` looks like `Thread`: a target, its arguments, a
name, then `start` and `join`. Underneath it is very different. `start`
forks a new process: a copy of the interpreter with its own memory and its
own GIL. On a machine with two cores, two processes really run Python code
at the same instant, which threads of one process never do.

Round one: alice and bob count down side by side. Watch the timeline: two
process tracks, each with its own PID and its own GIL row, both busy at
once. The order of their lines varies between runs.

Round two adds a `multiprocessing.Lock` named `stage`. It lives in shared
memory, so both processes see the same lock even though nothing else is
shared between them. alice takes it first; bob's track shows him blocked
on `stage` until alice's whole countdown is over. The runs are serialised.

The main process calls `join` on each child. Without it, main would print
its closing line while the children were still counting: main would carry
on with no idea whether the work was done. join is how a parent waits for
its children and collects their exit codes (0 here, shown on screen).

Children print with `flush=True`: each process has its own output buffer,
and when the output goes to a pipe or a file, a child's lines would
otherwise leave it only when it exits, out of step with the others.

[vi]
`multiprocessing.Process` trông giống `Thread`: một hàm đích, đối số của
nó, một cái tên, rồi `start` và `join`. Nhưng bên dưới thì khác hẳn. `start`
gọi fork để tạo một tiến trình mới: một bản sao trình thông dịch với bộ nhớ
riêng và GIL riêng. Trên máy có hai lõi, hai tiến trình thật sự chạy mã
Python cùng một lúc, điều mà các luồng trong cùng một tiến trình không bao
giờ làm được.

Vòng một: alice và bob đếm ngược song song. Hãy xem dòng thời gian: hai
tiến trình, mỗi tiến trình có PID riêng và hàng GIL riêng, cùng bận một lúc.
Thứ tự các dòng in ra thay đổi giữa các lần chạy.

Vòng hai thêm một `multiprocessing.Lock` tên là `stage`. Khoá này nằm trong
bộ nhớ dùng chung, nên cả hai tiến trình cùng thấy một khoá, dù ngoài nó ra
chúng không chia sẻ gì với nhau. alice lấy khoá trước; bob hiện trạng thái
bị chặn trên `stage` cho đến khi alice đếm xong. Hai lượt chạy được tuần tự
hoá.

Tiến trình chính gọi `join` cho từng tiến trình con. Thiếu nó, tiến trình
chính sẽ in dòng kết thúc trong khi các con vẫn đang đếm: nó cứ thế đi tiếp
mà không biết việc đã xong hay chưa. `join` là cách tiến trình cha chờ các
con và nhận mã thoát của chúng (ở đây là 0, hiện trên màn hình).

Các tiến trình con in với `flush=True`: mỗi tiến trình có bộ đệm đầu ra
riêng, và khi đầu ra đi vào một đường ống hay một tệp, nếu không đẩy ra ngay
thì các dòng của tiến trình con chỉ thoát ra khi nó kết thúc, lệch nhịp với
các tiến trình khác.
"""
import time
from multiprocessing import Process, Lock
from parlab import pause


def count_down(who, count):
    while count > 0:
        time.sleep(0.04)
        print(f"{who}: {count}", flush=True)
        count -= 1


def count_down_on_stage(who, count, stage):
    stage.acquire()
    print(f"{who} is on stage", flush=True)
    while count > 0:
        time.sleep(0.04)
        print(f"{who} on stage: {count}", flush=True)
        count -= 1
    print(f"{who} leaves the stage", flush=True)
    stage.release()


if __name__ == "__main__":
    alice = Process(target=count_down, args=("alice", 5), name="alice")
    bob = Process(target=count_down, args=("bob", 5), name="bob")
    alice.start()
    bob.start()
    pause("Two processes, two GILs, two cores. Whose line comes next?",
          vi="Hai tiến trình, hai GIL, hai lõi. Dòng tiếp theo sẽ là của ai?")
    alice.join()
    bob.join()
    print(f"main: round one over, exit codes {alice.exitcode} and " +
          f"{bob.exitcode}", flush=True)

    stage = Lock()
    alice = Process(target=count_down_on_stage, args=("alice", 5, stage),
                    name="alice")
    bob = Process(target=count_down_on_stage, args=("bob", 5, stage),
                  name="bob")
    alice.start()
    time.sleep(0.08)
    bob.start()
    pause("alice is on stage. Can bob start counting?",
          vi="alice đang đứng trên sân khấu. bob có bắt đầu đếm được không?")
    alice.join()
    bob.join()
    print("main: round two over, one process at a time", flush=True)
