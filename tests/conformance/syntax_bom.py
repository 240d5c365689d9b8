# A UTF-8 byte order mark opens this file.
print("bom ok")
print(len("é"))
