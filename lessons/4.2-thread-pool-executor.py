"""
section: 4.2
title: ThreadPoolExecutor, and what a pool costs
title.vi: ThreadPoolExecutor và chi phí của mỗi loại pool
order: fixed

`ThreadPoolExecutor` has exactly the interface of `ProcessPoolExecutor`:
`submit`, `Future.done`, `Future.result`, `map`, `with`. Only the workers
differ: threads of the current process instead of forked processes. Part
one repeats the future experiment of lesson 4.1 on threads. The answers are
the same: not done right after submit, `result()` waits, done afterwards.
(If the task finishes instantly, `done()` may already be True when you ask:
a future is done as soon as its task has returned, not a moment before.)

Because the workers are threads, the task can write into the main thread's
own list, `notes`, and main sees the change; no copying, no pipes.

Part two measures, on this machine, what it costs to start a pool, run one
tiny task in it, and shut it down: once with two threads, once with two
processes, keeping the better of two tries. For a process the kernel must
copy the parent's page tables, the child must be scheduled, talk to the
parent through pipes, and be reaped when the pool shuts down; a thread only
needs a new stack in the same process. Watch the timeline: the process
pool's bars are much longer, and the elapsed times are shown next to them.
The printed verdict depends only on which is faster, so it is the same on
every run.

Rule of thumb: threads for work that mostly waits (network, disk, sleep),
processes for work that computes in Python, because the GIL lets only one
thread of a process run Python code at a time (lesson 6 measures this).

[vi]
`ThreadPoolExecutor` có giao diện giống hệt `ProcessPoolExecutor`: `submit`,
`Future.done`, `Future.result`, `map`, `with`. Chỉ có worker là khác: đó là
các luồng của tiến trình hiện tại thay vì các tiến trình được fork ra. Phần
một lặp lại thí nghiệm future của bài 4.1 trên luồng. Câu trả lời vẫn vậy:
ngay sau submit thì chưa xong, `result()` phải chờ, sau đó thì đã xong. (Nếu
việc kết thúc tức thì, `done()` có thể đã là True khi ta hỏi: future xong
ngay khi hàm trả về, không sớm hơn chút nào.)

Vì worker là luồng, công việc có thể ghi thẳng vào list `notes` của luồng
chính, và luồng chính thấy ngay thay đổi; không sao chép, không đường ống.

Phần hai đo trên chính máy này chi phí để khởi động một pool, chạy một việc
rất nhỏ trong đó rồi tắt pool: một lần với hai luồng, một lần với hai tiến
trình, lấy kết quả tốt hơn trong hai lần thử. Với tiến trình, nhân hệ điều
hành phải sao chép bảng trang bộ nhớ của tiến trình cha, tiến trình con phải
được lập lịch, trao đổi với cha qua đường ống, và được thu dọn khi pool tắt;
còn một luồng chỉ cần một ngăn xếp mới trong cùng tiến trình. Hãy xem dòng
thời gian: các thanh của pool tiến trình dài hơn hẳn, và thời gian đo được
hiển thị bên cạnh. Dòng kết luận in ra chỉ phụ thuộc vào bên nào nhanh hơn,
nên lần chạy nào cũng giống nhau.

Quy tắc chung: dùng luồng cho việc chủ yếu là chờ (mạng, đĩa, sleep), dùng
tiến trình cho việc tính toán bằng Python, vì GIL chỉ cho một luồng của mỗi
tiến trình chạy mã Python tại một thời điểm (bài 6 sẽ đo điều này).
"""
import time
import concurrent.futures as futures
from parlab import pause, measure

notes = []


def count_down(label, count):
    time.sleep(0.1)
    while count > 0:
        print(f"{label}: {count}")
        time.sleep(0.02)
        count -= 1
    notes.append(label)
    return f"{label} finished"


def nothing(x):
    return x


def start_run_stop(kind):
    began = time.perf_counter()
    if kind == "threads":
        pool = futures.ThreadPoolExecutor(max_workers=2)
    else:
        pool = futures.ProcessPoolExecutor(max_workers=2)
    pool.submit(nothing, 1).result()
    pool.shutdown()
    return time.perf_counter() - began


def best_of_two(kind):
    return min(start_run_stop(kind), start_run_stop(kind))


if __name__ == "__main__":
    with futures.ThreadPoolExecutor(max_workers=4) as pool:
        future = pool.submit(count_down, "task one", 3)
        print(f"done right after submit: {future.done()}")
        pause("The same question as with processes: is it done yet?",
              vi="Vẫn câu hỏi như với tiến trình: việc đã xong chưa?")
        print(f"result: {future.result()}")
        print(f"done after result: {future.done()}")
    print(f"main sees the note the worker thread wrote: {notes}")

    pause("Which pool starts faster: threads or processes?",
          vi="Pool nào khởi động nhanh hơn: pool luồng hay pool tiến trình?")
    thread_cost = best_of_two("threads")
    process_cost = best_of_two("processes")
    measure("pool start-up: processes", process_cost)
    measure("pool start-up: threads", thread_cost)
    verdict = "yes" if thread_cost < process_cost else "no"
    print(f"a thread pool starts faster than a process pool: {verdict}")
