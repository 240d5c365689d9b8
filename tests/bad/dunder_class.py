# expect: 3:7: error: attribute '__class__' is not available in lesson scripts
x = 1
print(x.__class__)
