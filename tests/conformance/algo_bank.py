# A small object model with error handling: accounts and transfers.
class InsufficientFunds(Exception):
    pass
class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.name} has {self.balance}, needs {amount}")
        self.balance -= amount
def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as e:
        print("refused:", e)
        return False
    else:
        dst.balance += amount
        return True
    finally:
        print(f"  {src.name}={src.balance} {dst.name}={dst.balance}")
a = Account("alice", 100)
b = Account("bob", 20)
print(transfer(a, b, 30))
print(transfer(b, a, 80))
print(transfer(b, a, 50))
print(a.balance + b.balance)
