# An exception whose __init__ does not call super() still gets args from the call.
class Missing(Exception):
    def __init__(self, key):
        self.key = key
try:
    raise Missing("alpha")
except Missing as e:
    print(e.key, e.args, str(e))
class Detail(Exception):
    def __init__(self, code, text):
        super().__init__(text)
        self.code = code
try:
    raise Detail(7, "seven")
except Detail as e:
    print(e.code, e.args, str(e))
