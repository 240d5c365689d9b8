# expect: 4:9: error: 'continue' not properly in loop
for i in range(3):
    def f():
        continue
