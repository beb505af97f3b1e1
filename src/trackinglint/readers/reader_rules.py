"""The codes of the findings readers report themselves (TL004-TL008, core group).

Like TL001 and TL002 these have no check of their own: the readers find them
while mapping a file to the plan model, and the engine turns them into
findings with the same selection, severities and suppressions as any rule.
The readers sit below the rules, so they hold only the codes; the rules
layer declares each code's rule (rules/core.py) from these constants.
"""

from __future__ import annotations

UNKNOWN_FORMAT = "TL004"
IGLU_PATH_MISMATCH = "TL005"
SCHEMAVER_GAP = "TL006"
UNRESOLVED_REFERENCE = "TL007"
MALFORMED_ENTRY = "TL008"
