# Defaults are evaluated once, at def time: a list default is shared.
def collect(item, bucket=[]):
    bucket.append(item)
    return bucket
print(collect(1))
print(collect(2))
print(collect(3, []))
print(collect(4))
n = 10
def show(v=n):
    return v
n = 20
print(show(), n)
def safe(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket
print(safe(1), safe(2))
