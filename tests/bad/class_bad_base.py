# expect: 2:15: error: class 'Counter' cannot derive from this base: lesson classes derive from Thread, Process, Exception or nothing
class Counter(dict):
    pass
