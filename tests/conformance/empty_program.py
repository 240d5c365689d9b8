# Nothing but comments: no output, exit 0.

# another comment
