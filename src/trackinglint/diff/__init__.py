"""`trackinglint diff`: the breaking changes between two versions of a plan.

    trackinglint diff OLD NEW                 two files or folders, any format the engine reads
    trackinglint diff --base REF [PATHS...]   the working tree against a git revision

Both versions are read by the same engine as `check`; changes come back as
findings (codes TD001-TD010, see codes.py), so every output format, the
severities in `[tool.trackinglint.diff-severity]` and `--fail-on` work as
they do for lint findings.
"""

from .codes import DIFF_RULES, diff_rule

__all__ = ["DIFF_RULES", "diff_rule"]
