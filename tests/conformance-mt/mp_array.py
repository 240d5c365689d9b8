"""
order: fixed
"""
from multiprocessing import Process, Array


def square(arr, lo, hi):
    for i in range(lo, hi):
        arr[i] = arr[i] * arr[i]


if __name__ == "__main__":
    a = Array("i", range(10))
    d = Array("d", [0.5, 1.5, 2.5])
    z = Array("i", 3)
    print(len(a), a[0], a[-1], a[2:5], z[:], d[:])
    ps = [Process(target=square, args=(a, 0, 5)), Process(target=square, args=(a, 5, 10))]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(a[:])
    print([x + 1 for x in a])
    d[1] = 7
    print(d[1], sum(d))
    try:
        a[10] = 1
    except IndexError as e:
        print("IndexError:", e)
