"""`python -m trackinglint`: the same as the console script.

Python puts the current folder first on the import path for `-m`, so a
`yaml.py` or `pluggy.py` in the repository being linted would be imported in
place of the real dependency, and run. The package's `__init__` imports
nothing, so dropping that folder here, before anything else is imported, is
in time. (A folder named `trackinglint` in the current folder still shadows
this package itself: in an untrusted checkout run `trackinglint` or
`python -P -m trackinglint`; README, "Security".)
"""

import os
import sys

_HERE = os.getcwd()
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or os.curdir) != _HERE]

from trackinglint.cli import run  # noqa: E402 - the path must be cleaned first

run()
