# Lots of output before an uncaught exception: all of it must reach stdout.
for i in range(2000):
    print("line", i, "of output")
raise RuntimeError("after 2000 lines")
