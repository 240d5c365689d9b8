# expect: 2:12: error: expected ':'
def work(n)
    return n
