"""
section: Z.9
title: A conformance program shaped like a lesson
title.vi: Chương trình kiểm thử
order: fixed

The narration is part of the docstring and is never printed.

[vi]
Phần thuyết minh tiếng Việt.
"""
def main():
    print("lesson body runs")
    print(__name__)
if __name__ == "__main__":
    main()
