"""Whether two pieces of parsed plan data say exactly the same thing.

Python's `==` holds `1 == 1.0 == True` and ignores the order of a mapping's keys,
but a plan that changes `required: true` to `required: 1` is a different plan
(the schema check tells them apart), and the order of properties is the order
findings list them in. What a long-lived process keeps from an earlier read of
a file (the language server) is reused only for data that is the same by this
stricter measure.
"""

from __future__ import annotations

from typing import Any


def same_data(old: Any, new: Any) -> bool:
    """The very object (a spliced parse shares unchanged parts), or equal values of
    the same types, with mapping keys in the same order, all the way down."""
    if old is new:
        return True
    kind = type(old)
    if kind is not type(new):
        return False
    if kind is dict:
        return len(old) == len(new) and all(
            a == b and same_data(x, y)
            for (a, x), (b, y) in zip(old.items(), new.items(), strict=True)
        )
    if kind is list:
        return len(old) == len(new) and all(map(same_data, old, new))
    return bool(old == new)
