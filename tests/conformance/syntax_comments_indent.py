# Comments and blank lines at any indentation do not affect blocks.
def f(n):
        # comment more indented than the body
    total = 0
# comment at column 0 inside the function
    for i in range(n):

            # another odd comment

        total += i
      # less indented comment
    return total
print(f(5))
if True:
    pass
        # trailing comment after the block
print("end")   # comment after code
