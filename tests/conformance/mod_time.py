# time: sleep, time, perf_counter, monotonic are real clocks.
import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.05)
dt_wall = time.time() - t0
dt_perf = time.perf_counter() - p0
dt_mono = time.monotonic() - m0
print(t0 > 1600000000, dt_wall >= 0.04, dt_perf >= 0.04, dt_mono >= 0.04)
print(dt_perf < 5, time.perf_counter() >= p0)
time.sleep(0)
print("slept")
