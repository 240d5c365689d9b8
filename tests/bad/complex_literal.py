# expect: 2:9: error: complex numbers are not supported in lesson scripts
z = 3 + 4j
