# A small stack class built on a list.
class Stack:
    def __init__(self):
        self.data = []
    def push(self, x):
        self.data.append(x)
    def pop(self):
        if self.is_empty():
            return None
        return self.data.pop()
    def peek(self):
        return self.data[-1]
    def is_empty(self):
        return len(self.data) == 0
    def size(self):
        return len(self.data)
s = Stack()
for ch in "abc":
    s.push(ch)
print(s.size(), s.peek())
print(s.pop(), s.pop(), s.pop(), s.pop())
print(s.is_empty())
def balanced(text):
    st = Stack()
    for ch in text:
        if ch == "(":
            st.push(ch)
        elif ch == ")":
            if st.pop() is None:
                return False
    return st.is_empty()
for t in ["(())", "(()", "())(", ""]:
    print(repr(t), balanced(t))
