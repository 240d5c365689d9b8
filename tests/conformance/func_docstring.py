"""A module docstring with no headers is just a string."""
def documented(x):
    """Return x doubled; this docstring is not output."""
    return x * 2
class Doc:
    """A class docstring."""
    def m(self):
        """Method docstring."""
        return "m"
print(documented(4), Doc().m())
