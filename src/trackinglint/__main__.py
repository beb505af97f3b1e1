"""`python -m trackinglint`: the same as the console script.

The current folder is dropped from the import path first, so a file in the
repository being linted can never be imported as a plugin or a dependency.
"""

import os
import sys

if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd():
    sys.path.pop(0)

from trackinglint.cli import run

run()
