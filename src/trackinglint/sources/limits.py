"""Limits that keep a hostile or broken plan file from hanging or crashing a run.

Each limit is far above anything a real plan needs; a file that passes one is
refused with a located TL001 finding instead of a crash (see README, "Limits").
"""

from __future__ import annotations

# Containers (mappings and lists) nested inside each other. A property nested
# in a property costs two levels; 200 leaves room for 90 levels of properties.
MAX_DEPTH = 200

# Decimal digits in an integer. Python refuses to turn longer integers into text
# (sys.int_info.default_max_str_digits), so reporting one would crash.
MAX_INT_DIGITS = 4300
INT_CEILING = 10**MAX_INT_DIGITS  # hex and octal literals are measured by value

# Nodes that aliases (`*name`) add when expanded, summed over the file: a small
# file must not become a huge plan (the "billion laughs" attack).
MAX_ALIAS_NODES = 100_000


def too_many_digits(value: int) -> bool:
    """Whether an integer is too large to be shown as decimal text."""
    return not -INT_CEILING < value < INT_CEILING
