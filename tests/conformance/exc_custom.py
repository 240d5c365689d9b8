# Custom exception classes; str(e) and e.args.
class AppError(Exception):
    pass
class NotFound(AppError):
    pass
class WithInit(Exception):
    def __init__(self, code):
        super().__init__("code " + str(code))
        self.code = code
try:
    raise AppError("generic failure")
except AppError as e:
    print("AppError:", e, e.args)
try:
    raise NotFound("no such item", 42)
except AppError as e:
    print("caught as base:", str(e), e.args, e.args[1])
try:
    raise WithInit(404)
except WithInit as e:
    print(e, e.code, e.args)
try:
    raise NotFound()
except NotFound as e:
    print(repr(str(e)), e.args)
