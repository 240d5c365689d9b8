# expect: 2:6: error: '[' was never closed
xs = [1, 2, 3
