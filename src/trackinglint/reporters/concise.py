"""One line per finding: `file:line:col: CODE message`, for grep and editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..engine import LintResult


def report_concise(result: LintResult, stream: TextIO, *, color: bool) -> None:
    """One line per finding; a clean run says so (silence reads as "did it run?")."""
    if not result.findings:
        from .summary import summary_line

        stream.write(summary_line(result) + "\n")
        return
    for f in result.findings:
        places = f.places_text()
        also = f" (also: {places})" if places else ""
        stream.write(f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}{also}\n")
