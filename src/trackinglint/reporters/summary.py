"""The closing line of human-readable reports."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import LintResult


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: LintResult) -> str:
    files = plural(len(result.files), "file")
    if not result.findings:
        return f"All checks passed ({files} checked)."
    counts = Counter(f.severity.value for f in result.findings)
    parts = ", ".join(plural(counts[s], s) for s in ("error", "warning", "info") if counts[s])
    return f"Found {plural(len(result.findings), 'finding')} ({parts}) in {files}."
