# A round-robin scheduler simulated with a list as a queue.
jobs = [["A", 5], ["B", 2], ["C", 4]]
quantum = 2
clock = 0
queue = jobs[:]
finished = []
while queue:
    job = queue.pop(0)
    run = min(quantum, job[1])
    clock += run
    job[1] -= run
    print(f"t={clock:2d} ran {job[0]} for {run}, left {job[1]}")
    if job[1] > 0:
        queue.append(job)
    else:
        finished.append((job[0], clock))
print(finished)
