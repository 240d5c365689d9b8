# expect: 2:7: error: attribute names with '__' are not available in format fields of lesson scripts
print('{0.__class__}'.format(1))
