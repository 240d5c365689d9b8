# expect: 2:6: error: relative import is not supported in lesson scripts
from . import helper
