"""
section: 4.1
title: ProcessPoolExecutor and futures
title.vi: ProcessPoolExecutor và future
order: fixed

`concurrent.futures`, in the standard library since Python 3.2, puts one
interface over pools of processes and pools of threads. You `submit` a
function and its arguments and get back a `Future` at once: a receipt for a
result that may not exist yet.

Part one submits a short countdown to a `ProcessPoolExecutor`. Right after
`submit`, `done()` is False: the task has barely reached a worker process.
`result()` then blocks the main process until the worker returns, and after
that `done()` is True. Watch the future on screen change from pending to
running to finished, and the main thread sit blocked on `result()` while the
worker counts.

Part two uses `map`, which calls one function over several sequences taken
side by side, here the left, top, right and bottom edges of four boxes. The
four areas are computed in worker processes, possibly all at once and
finishing in any order, yet `map` hands them back in input order: 100, 100,
100, 400. Watch which worker took which box.

The `with` block shuts the pool down at its end: it waits for pending work
and for the worker processes to exit.

[vi]
`concurrent.futures`, có trong thư viện chuẩn từ Python 3.2, đặt một giao diện
chung lên trên pool tiến trình và pool luồng. Ta `submit` một hàm cùng đối số
và nhận ngay một `Future`: giống như tờ biên nhận cho một kết quả có thể
chưa tồn tại.

Phần một gửi một lượt đếm ngược ngắn vào `ProcessPoolExecutor`. Ngay sau
`submit`, `done()` trả về False: việc mới vừa tới tay một tiến trình worker.
Sau đó `result()` chặn tiến trình chính cho đến khi worker trả kết quả, và
từ đó `done()` là True. Hãy xem future trên màn hình chuyển từ chờ sang
đang chạy rồi hoàn thành, và luồng chính bị chặn ở `result()` trong khi
worker đang đếm.

Phần hai dùng `map`, gọi một hàm trên nhiều dãy được lấy song song, ở đây
là cạnh trái, trên, phải và dưới của bốn cái hộp. Bốn diện tích được tính
trong các tiến trình worker, có thể cùng lúc và xong theo bất kỳ thứ tự nào,
nhưng `map` vẫn trả về đúng thứ tự đầu vào: 100, 100, 100, 400. Hãy xem
worker nào nhận hộp nào.

Khối `with` tắt pool khi kết thúc: nó chờ các việc còn dở và chờ các tiến
trình worker thoát.
"""
import time
import concurrent.futures as futures
from parlab import pause


def count_down(label, count):
    time.sleep(0.1)
    while count > 0:
        print(f"{label}: {count}", flush=True)
        time.sleep(0.02)
        count -= 1
    return f"{label} finished"


def box_area(left, top, right, bottom):
    return (right - left) * (bottom - top)


if __name__ == "__main__":
    with futures.ProcessPoolExecutor(max_workers=2) as pool:
        future = pool.submit(count_down, "task one", 3)
        print(f"done right after submit: {future.done()}", flush=True)
        pause("The task is handed over. Will result() wait or return?",
              vi="Việc đã giao đi. result() sẽ đợi hay trả về ngay?")
        print(f"result: {future.result()}", flush=True)
        print(f"done after result: {future.done()}", flush=True)

    lefts = [0, 10, 30, 50]
    tops = [0, 5, 30, 10]
    rights = [10, 20, 40, 70]
    bottoms = [10, 15, 40, 30]
    with futures.ProcessPoolExecutor(max_workers=4) as pool:
        areas = pool.map(box_area, lefts, tops, rights, bottoms)
        pause("Four boxes, four workers. In what order do areas come back?",
              vi="Bốn hộp, bốn worker. Diện tích trả về theo thứ tự nào?")
        for area in areas:
            print(f"area: {area}", flush=True)
