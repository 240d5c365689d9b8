# expect: 5:5: error: name 'count' is used prior to global declaration
count = 0
def bump():
    print(count)
    global count
