# A class with __init__, attributes and methods.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        self.balance += amount
        return self.balance
    def describe(self):
        return self.owner + ": " + str(self.balance)
a = Account("ann")
b = Account("bob", 50)
a.deposit(30)
b.deposit(-20)
print(a.describe())
print(b.describe())
print(a.balance + b.balance, a.owner, b.owner)
a.nickname = "annie"
print(a.nickname)
m = a.deposit
print(m(5), a.balance)
