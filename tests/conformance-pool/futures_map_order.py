"""
order: fixed
"""
import time
import concurrent.futures as cf


def area(left, top, right, bottom):
    time.sleep(0.01 * (4 - left % 5))
    return (right - left) * (bottom - top)


def label(x, y):
    return f"{x}:{y}"


if __name__ == "__main__":
    lefts, tops = [0, 1, 2, 3, 4], [0, 0, 1, 1, 2]
    rights, bottoms = [10, 11, 12, 13, 14], [5, 6, 7, 8, 9]
    with cf.ProcessPoolExecutor(max_workers=3) as ex:
        print(list(ex.map(area, lefts, tops, rights, bottoms)))
        print(list(ex.map(label, "abcd", range(3))))
    with cf.ThreadPoolExecutor(max_workers=3) as ex:
        for a in ex.map(area, lefts, tops, rights, bottoms):
            print("area", a)
        print(list(ex.map(label, [], [])))
