"""
order: fixed
"""
from multiprocessing import Pool, cpu_count


def describe(name, count, sep="-"):
    return sep.join([name] * count)


if __name__ == "__main__":
    pool = Pool()
    print(pool.apply(describe, ("ab", 3)))
    print(pool.apply(len, ("hello",)))
    print(pool.apply(describe, ("x", 2, "+")))
    r = pool.apply_async(sum, ([1, 2, 3],))
    r.wait()
    print(r.ready(), r.get())
    pool.close()
    try:
        pool.apply(len, ("late",))
    except ValueError as e:
        print("after close:", e)
    pool.join()
    print(cpu_count() >= 1)
