# expect: 2:8: error: bytes literals are not supported in lesson scripts
data = b'raw bytes'
