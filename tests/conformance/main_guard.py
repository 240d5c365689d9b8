# The usual main guard; __name__ is "__main__" in the script.
def main():
    print("main runs")
    return 0
print("name:", __name__)
if __name__ == "__main__":
    main()
if __name__ != "__main__":
    print("never")
