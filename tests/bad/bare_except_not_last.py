# expect: 4:1: error: default 'except:' must be last
try:
    pass
except:
    pass
except ValueError:
    pass
