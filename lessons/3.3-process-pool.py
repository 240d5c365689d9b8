"""
section: 3.3
title: A pool of processes
title.vi: Pool tiến trình
order: free

Starting a process for every small job is wasteful: a fork costs far more
than the job. A `multiprocessing.Pool` forks its workers once and feeds
them tasks. Here five workers square the numbers 0 to 19.

`apply_async` hands one task to the pool and returns at once, without
waiting. Its `callback` is called with the result when the task is done,
and it runs in the parent process (in a helper thread of the pool), not in
the worker, which is why it may safely append to the parent's list
`results`. Watch the pool panel: each task is drawn with the worker that
ran it, and a fast worker often runs several tasks while a slow one is
still busy with its first.

The tasks do not all take the same time (`square` naps a little longer for
some numbers), so they finish in a different order than they were handed
out. The callback appends in finishing order, and the list ends up
shuffled. Sorting it shows that nothing was lost: twenty results, each
square exactly once.

`close` says no more tasks are coming; `join` waits for the workers to
finish what they have and exit. Both are needed before the list is
complete.

[vi]
Tạo một tiến trình cho mỗi công việc nhỏ là lãng phí: một lần fork tốn hơn
nhiều so với bản thân công việc. `multiprocessing.Pool` fork các worker một
lần duy nhất rồi liên tục giao việc cho chúng. Ở đây năm worker tính bình
phương các số từ 0 đến 19.

`apply_async` giao một việc cho pool và trả về ngay, không chờ. Hàm
`callback` của nó được gọi với kết quả khi việc xong, và nó chạy trong tiến
trình cha (trong một luồng phụ của pool), không phải trong worker; vì thế nó
có thể thêm kết quả vào list `results` của tiến trình cha một cách an toàn.
Hãy xem bảng pool: mỗi việc được vẽ cùng worker đã chạy nó, và một worker
nhanh tay thường làm được vài việc trong khi worker khác vẫn bận với việc
đầu tiên.

Các việc không tốn thời gian như nhau (`square` ngủ lâu hơn một chút với
vài số), nên chúng xong theo thứ tự khác với thứ tự được giao. Callback thêm
kết quả theo thứ tự hoàn thành, nên list cuối cùng bị xáo trộn. Sắp xếp lại
cho thấy không mất gì: hai mươi kết quả, mỗi bình phương đúng một lần.

`close` báo rằng không còn việc mới; `join` chờ các worker làm xong phần
việc đang có rồi thoát. Cần cả hai trước khi list được đầy đủ.
"""
import os
import time
from multiprocessing import Pool
from parlab import pause

results = []
parent_pid = os.getpid()
callbacks_in_parent = 0


def say(line):
    # one write per line: the callback thread and main may print at once
    print(line + "\n", end="", flush=True)


def square(x):
    time.sleep(0.02 * (x % 4))
    return x * x


def collect(value):
    global callbacks_in_parent
    if os.getpid() == parent_pid:
        callbacks_in_parent += 1
    results.append(value)
    say(f"callback got {value}")


if __name__ == "__main__":
    pool = Pool(processes=5)
    for n in range(20):
        pool.apply_async(square, args=(n,), callback=collect)
    say("main: all 20 tasks handed out")
    pause("Twenty tasks, five workers. In what order will results come back?",
          vi="Hai mươi việc cho năm worker. Kết quả sẽ về theo thứ tự nào?")
    pool.close()
    pool.join()
    print(f"results in submission order: {results == sorted(results)}")
    print(f"callbacks that ran in the parent: {callbacks_in_parent}")
    print(f"sorted: {sorted(results)}")
    pause("The list is out of order, yet nothing is missing. Why?",
          vi="Danh sách bị lộn thứ tự mà không thiếu phần tử nào. Vì sao?")
