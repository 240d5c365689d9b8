# expect: 5:5: error: name 'count' is assigned to before global declaration
count = 0
def bump():
    count = 1
    global count
