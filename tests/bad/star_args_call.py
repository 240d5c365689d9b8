# expect: 3:7: error: '*' argument unpacking is not supported in lesson scripts
args = (1, 2)
print(*args)
