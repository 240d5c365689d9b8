# An uncaught custom exception: the last stderr line is __main__.Name: message.
class BudgetExceeded(Exception):
    pass
def spend(amount):
    if amount > 100:
        raise BudgetExceeded("spent " + str(amount) + " of 100")
    print("spent", amount)
spend(40)
spend(500)
