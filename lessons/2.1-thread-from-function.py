"""
section: 2.1
title: A thread from a function
title.vi: Tạo luồng từ một hàm
order: free

The low-level `_thread` module starts a thread with one call:
`start_new_thread(function, args)`. Here two threads, alice and bob, each
count down from 5 to 1, napping a little before every number. The main
thread does not wait for them: it goes on with its own work and only checks,
now and then, whether both have finished.

Watch the timeline. The two countdowns overlap and their lines interleave;
which of the two prints first at each step is up to the scheduler, so the
order changes from run to run (this lesson is `order: free`). Look at the
GIL row of the process: at any instant at most one thread holds it, and only
that thread is running Python code. The others are asleep, or waiting for
the GIL. Threads take turns; they are not computing at the same time.

`_thread` has no `join`. The main thread counts finished workers itself,
guarding the count with a lock from `allocate_lock`. Without this, the
program would end as soon as main ran out of code, and the unfinished
countdowns would simply vanish. Python has had threads for a very long
time; version 3.2 brought a new GIL and `concurrent.futures`, not threads.

The workers print through `say`, which hands `print` one whole line. A bare
`print(x)` writes the text and then the newline as two separate writes, and
under CPython another thread may run in between: you would get two numbers
glued on one line and an empty line after them. The screen is shared too.

[vi]
Module cấp thấp `_thread` khởi tạo một luồng chỉ bằng một lời gọi:
`start_new_thread(hàm, đối_số)`. Ở đây hai luồng alice và bob cùng đếm ngược
từ 5 về 1, mỗi lần chợp mắt một chút trước khi in số. Luồng chính không
chờ chúng: nó tiếp tục việc của mình và thỉnh thoảng kiểm tra xem cả hai đã
xong chưa.

Hãy quan sát dòng thời gian. Hai lượt đếm chồng lên nhau và các dòng in ra
đan xen; ở mỗi bước, luồng nào in trước là do bộ lập lịch quyết định, nên
thứ tự thay đổi giữa các lần chạy (bài này là `order: free`). Nhìn vào hàng
GIL của tiến trình: tại mỗi thời điểm chỉ có tối đa một luồng giữ GIL, và
chỉ luồng đó được chạy mã Python. Các luồng khác đang ngủ hoặc chờ GIL. Các
luồng thay phiên nhau, chứ không tính toán cùng một lúc.

`_thread` không có `join`. Luồng chính tự đếm số luồng đã xong, và bảo vệ
biến đếm bằng một khoá lấy từ `allocate_lock`. Nếu không làm vậy, chương
trình sẽ kết thúc ngay khi luồng chính hết việc, và các lượt đếm dở dang
biến mất. Python đã có luồng từ rất lâu; phiên bản 3.2 mang đến GIL mới và
`concurrent.futures`, chứ không phải mang đến luồng.

Các luồng con in qua hàm `say`, hàm này đưa cho `print` trọn một dòng. Lệnh
`print(x)` thông thường ghi phần chữ rồi mới ghi ký tự xuống dòng, thành hai
lần ghi riêng, và trong CPython một luồng khác có thể chen vào giữa: hai con
số dính trên cùng một dòng, kèm một dòng trống phía sau. Màn hình cũng là tài
nguyên dùng chung.
"""
import _thread
import time
from parlab import pause

finished = 0
tally = _thread.allocate_lock()


def say(line):
    print(line + "\n", end="")


def count_down(who, start_at):
    global finished
    n = start_at
    while n > 0:
        time.sleep(0.04)
        say(f"{who}: {n}")
        n -= 1
    with tally:
        finished += 1


_thread.start_new_thread(count_down, ("alice", 5))
_thread.start_new_thread(count_down, ("bob", 5))
print("main: two threads started, main keeps going")
pause("Two countdowns are running. Which line will be printed next?",
      vi="Hai luồng đang đếm ngược. Dòng nào sẽ được in tiếp theo?")

done = 0
while done < 2:
    time.sleep(0.02)
    with tally:
        done = finished
pause("Both threads are done. Did they ever run Python at the same instant?",
      vi="Hai luồng đã xong. Chúng có từng chạy mã Python cùng lúc không?")
print("main: both countdowns finished")
