"""The closing line of human-readable reports.

Checked 2 plans (14 files, 312 events): 5 findings in 3 of 14 files (2 errors, 3 warnings).
Checked 1 plan (3 files, 40 events): all checks passed.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import LintResult


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: LintResult) -> str:
    """What was read, then what was found: counts a reader can check against the report."""
    events = sum(len(plan.events) for plan in result.plans)
    files = set(result.documents)
    with_findings = {f.file for f in result.findings if f.in_file}
    total = len(files | with_findings)
    checked = (
        f"Checked {plural(len(result.plans), 'plan')} "
        f"({plural(total, 'file')}, {plural(events, 'event')})"
    )
    hidden = result.hidden
    shown_note = f"; {plural(hidden, 'finding')} below --fail-on not shown" if hidden else ""
    if not result.findings and not result.plans:  # nothing read is nothing passed
        return f"{checked}: nothing was checked."
    if not result.findings:
        return f"{checked}: all checks passed{shown_note}."
    counts = Counter(f.severity.value for f in result.findings)
    parts = ", ".join(plural(counts[s], s) for s in ("error", "warning", "info") if counts[s])
    return (
        f"{checked}: {plural(len(result.findings), 'finding')} in {len(with_findings)} of "
        f"{plural(total, 'file')} ({parts}){shown_note}."
    )
