# An uncaught exception whose message is empty: the last line has no colon.
print("start")
raise ValueError("")
