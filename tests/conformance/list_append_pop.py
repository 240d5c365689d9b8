# append and pop (from the end and from an index).
stack = []
for i in range(4):
    stack.append(i * i)
print(stack)
print(stack.pop(), stack)
print(stack.pop(0), stack)
print(stack.pop(-1), stack)
stack.append([1, 2])
print(stack, len(stack))
r = stack.append(5)
print(r)
while stack:
    print("popped", stack.pop())
print(stack)
