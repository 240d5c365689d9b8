"""
section: 6
title: Conclusion: threads or processes?
title.vi: Kết luận: luồng hay tiến trình?
order: fixed

Time to measure rather than believe. The lesson runs two kinds of job, each
three ways: one after the other in the main thread, on two (or four)
threads, and on two (or four) processes.

CPU-bound: `parlab.work(0.3)` computes in pure Python for 0.3 s of its own
CPU time. Two of them in a row take about 0.6 s. On two threads they still
take about 0.6 s: watch the GIL row, the threads hand it back and forth
every few milliseconds and never run together. On two processes, each with
its own GIL, they run on both cores at once and take about 0.3 s, plus the
cost of the forks.

I/O-bound: four jobs that each wait 0.1 s (`time.sleep` stands in for a
network or disk request). In a row they take 0.4 s. A waiting thread
releases the GIL, so four threads wait together and finish in about 0.1 s.

The timeline shows every bar and the measured speedups. The printed lines
only say which way each comparison went, so they read the same on every
run, as long as the machine has two cores and is not busy with other work.
In short: for Python code that computes, use processes
(`ProcessPoolExecutor`, `Pool`); for code that waits, threads are enough
and cheaper; and share as little as you can.

[vi]
Đến lúc đo đạc thay vì chỉ tin. Bài này chạy hai loại công việc, mỗi loại
theo ba cách: lần lượt trong luồng chính, trên hai (hoặc bốn) luồng, và trên
hai (hoặc bốn) tiến trình.

Việc nặng về CPU: `parlab.work(0.3)` tính toán bằng Python thuần trong 0,3
giây thời gian CPU của chính nó. Chạy hai việc nối tiếp mất khoảng 0,6 giây.
Trên hai luồng vẫn mất khoảng 0,6 giây: hãy nhìn hàng GIL, hai luồng chuyền
tay GIL cho nhau vài mili giây một lần và không bao giờ chạy cùng lúc. Trên
hai tiến trình, mỗi tiến trình có GIL riêng, chúng chạy trên cả hai lõi cùng
lúc và mất khoảng 0,3 giây, cộng thêm chi phí fork.

Việc nặng về I/O: bốn việc, mỗi việc chờ 0,1 giây (`time.sleep` đóng vai một
yêu cầu mạng hay đọc đĩa). Chạy nối tiếp mất 0,4 giây. Luồng đang chờ thì nhả
GIL, nên bốn luồng cùng chờ một lúc và xong trong khoảng 0,1 giây.

Dòng thời gian hiển thị từng thanh và hệ số tăng tốc đo được. Các dòng in ra
chỉ cho biết mỗi phép so sánh nghiêng về bên nào, nên chúng giống nhau ở mọi
lần chạy, miễn là máy có hai lõi và không bận việc khác. Tóm lại: mã
Python thiên về tính toán thì dùng tiến trình (`ProcessPoolExecutor`,
`Pool`); mã chủ yếu là chờ thì dùng luồng là đủ và rẻ hơn; và hãy chia sẻ dữ
liệu càng ít càng tốt.
"""
import time
from threading import Thread
from multiprocessing import Process
from parlab import work, pause, measure


def wait_for_io(seconds):
    time.sleep(seconds)


def in_a_row(job, amount, count):
    began = time.perf_counter()
    for i in range(count):
        job(amount)
    return time.perf_counter() - began


def on_threads(job, amount, count):
    began = time.perf_counter()
    workers = [Thread(target=job, args=(amount,), name=f"thread-{i}")
               for i in range(count)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - began


def on_processes(job, amount, count):
    began = time.perf_counter()
    workers = [Process(target=job, args=(amount,), name=f"process-{i}")
               for i in range(count)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - began


def answer(faster):
    return "yes" if faster else "no"


if __name__ == "__main__":
    pause("Two CPU-bound jobs on two threads: done sooner than in a row?",
          vi="Hai việc CPU trên hai luồng: có nhanh hơn làm lần lượt không?")
    # measure() right after each run: the bar's GIL share is read from the
    # timeline over the `seconds` just before the call.
    cpu_row = in_a_row(work, 0.3, 2)
    measure("CPU-bound, two jobs: in a row", cpu_row)
    cpu_threads = on_threads(work, 0.3, 2)
    measure("CPU-bound, two jobs: 2 threads", cpu_threads)
    cpu_procs = on_processes(work, 0.3, 2)
    measure("CPU-bound, two jobs: 2 processes", cpu_procs)
    print("CPU-bound work, two jobs:")
    print(f"  threads speed it up: {answer(cpu_row / cpu_threads > 1.3)}")
    print(f"  processes speed it up: {answer(cpu_row / cpu_procs > 1.3)}")
    print(f"  processes faster than threads: {answer(cpu_procs < cpu_threads)}")

    pause("Now jobs that only wait. Will threads help this time?",
          vi="Giờ đến những việc chỉ ngồi chờ. Lần này luồng có giúp được gì?")
    io_row = in_a_row(wait_for_io, 0.1, 4)
    measure("I/O-bound, four jobs: in a row", io_row)
    io_threads = on_threads(wait_for_io, 0.1, 4)
    measure("I/O-bound, four jobs: 4 threads", io_threads)
    print("I/O-bound work, four jobs:")
    print(f"  threads speed it up: {answer(io_row / io_threads > 1.3)}")
    pause("Which would you choose to resize images? And to fetch web pages?",
          vi="Thu nhỏ ảnh thì bạn chọn cách nào? Còn tải trang web thì sao?")
