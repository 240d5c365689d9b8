"""
traceback: frames
A class body reads a global it has not yet bound itself: CPython looks the
name up in the class namespace, then the globals, then the builtins.
"""
x = 10
limit = 3
len = len


class Config:
    x = x + 1
    limit += 4
    label = str(x) + "/" + str(limit)
    len = len("abc")
    x = x * 2

    def show(self):
        return (x, Config.x, self.limit, self.label, self.len)


print(Config.x, Config.limit, Config.label, Config.len)
print(Config().show())
print(x, limit)


def make():
    y = 5

    class Inner:
        z = x + y
        x = 1

    return Inner


print(make().z, make().x)


class Fails:
    missing = undefined_name + 1
